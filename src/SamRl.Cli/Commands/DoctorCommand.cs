using System.CommandLine;
using System.Globalization;
using SamRl.Envs.Ale;
using SamRl.Memory.Diagnostics;
using SamRl.Torch;

namespace SamRl.Cli.Commands;

/// <summary>`samrl doctor`: what backend, BLAS, threads, GPU and ALE this machine gives SamRl.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var device = new Option<string?>("--device") { Description = "also check that this device (e.g. cuda) computes the STM and LSTM as the CPU does: outputs and gradients, float64 and float32" };
        var cmd = new Command("doctor", "Print the libtorch version and path, the BLAS in use, threads, CUDA and ALE availability.") { device };
        cmd.SetAction(pr => Run(pr.GetValue(device)));
        return cmd;
    }

    private static int Run(string? parityDevice)
    {
        bool usable = true;
        string version;
        try
        {
            version = torch.Version;
        }
        catch (DllNotFoundException e)
        {
            Console.WriteLine($"libtorch      : NOT LOADED: {e.Message}");
            return 1;
        }
        Console.WriteLine($"libtorch      : {version} ({torch.LibraryPath})");
        var blas = BlasInfo.Detect();
        Console.WriteLine($"BLAS          : {blas.Name}{(blas.Path.Length > 0 ? $" ({blas.Path})" : "")}");
        if (blas.IsReference)
        {
            Console.WriteLine("WARNING       : libtorch is using the REFERENCE BLAS, measured 30x slower than OpenBLAS on a 256x256 matmul.");
            Console.WriteLine("                Fix: apt-get install libopenblas0-pthread (it registers itself as libblas.so.3).");
        }
        Console.WriteLine($"threads       : intra-op {torch.get_num_threads()}, inter-op {torch.get_num_interop_threads()}, BLAS pool {FormatBlasThreads(torch.get_blas_threads())}, cores {Environment.ProcessorCount}");
        bool cuda = torch.cuda.is_available();
        Console.WriteLine($"CUDA          : {(cuda ? $"available, {torch.cuda.device_count()} device(s)" : "not available (CPU build of libtorch or no GPU)")}");
        Console.WriteLine($"ALE           : {AleStatus()}");
        using (torch.NewDisposeScope())
        {
            // A tiny real computation proves the kernels run, not only that the library loads.
            var a = torch.ones([2, 2]);
            double s = a.matmul(a).sum().item();
            if (Math.Abs(s - 8) > 1e-6) { Console.WriteLine($"self-test     : FAILED (got {s}, expected 8)"); usable = false; }
            else Console.WriteLine("self-test     : ok (matmul)");
        }
        if (usable && parityDevice is not null) usable = CheckParity(parityDevice);
        return usable ? 0 : 1;
    }

    private static bool CheckParity(string text)
    {
        var d = CliErrors.ParseDevice(text);
        Console.WriteLine($"parity        : {d} against the CPU's float64 (largest relative difference: outputs / worst gradient, each with its bound)");
        bool ok = true;
        foreach (var r in DeviceParity.Compare(Device.CPU, d))
        {
            ok &= r.Ok;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {r.Core,-5} {r.DType,-8}: {r.OutputDiff:0.0e+00} (bound {r.OutputBound:0.0e+00}) / {r.GradDiff:0.0e+00} (bound {r.GradBound:0.0e+00}, {r.WorstParameter}): {(r.Ok ? "ok" : "MISMATCH")}"));
        }
        Console.WriteLine("                float32 bounds are 10x the CPU's own float32 error against float64; float64 must agree to 1e-9");
        if (!ok) Console.WriteLine($"parity        : FAILED: {d} does not compute what the CPU computes; train on the CPU and report this output");
        return ok;
    }

    private static string FormatBlasThreads(int n) => n < 0 ? "n/a" : n.ToString();

    private static string AleStatus()
    {
        if (!AleLibrary.TryLoad(out var reason)) return $"not available: {reason} (the built-in pong works without it)";
        string roms;
        try
        {
            roms = $"Pong ROM at {RomLocator.Find("pong")}";
        }
        catch (Exception e) when (e is FileNotFoundException or AleException or ArgumentException)
        {
            roms = $"no Pong ROM found (pass --rom, or set {RomLocator.RomsDirVariable})";
        }
        return $"ALE {AleLibrary.Version()} through the shim; {roms}";
    }
}
