using System.CommandLine;
using SamRl.Envs.Ale;
using SamRl.Torch;

namespace SamRl.Cli.Commands;

/// <summary>`samrl doctor`: what backend, BLAS, threads, GPU and ALE this machine gives SamRl.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var cmd = new Command("doctor", "Print the libtorch version and path, the BLAS in use, threads, CUDA and ALE availability.");
        cmd.SetAction(_ => Run());
        return cmd;
    }

    private static int Run()
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
        return usable ? 0 : 1;
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
