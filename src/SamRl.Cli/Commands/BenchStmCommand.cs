using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using SamRl.Cli.Peer;
using SamRl.Memory.Benchmarks;
using SamRl.Torch;

namespace SamRl.Cli.Commands;

/// <summary>
/// `samrl bench stm`: ms per training iteration and peak memory of the STM (copy, Nth-farthest) and the LSTM baseline.
/// Each (config, threads) pair runs in a fresh child process so its peak RSS is its own.
/// </summary>
public static class BenchStmCommand
{
    private const string RowPrefix = "STMBENCH-ROW ";

    // The authors' PyTorch code on this machine kind, same libtorch, one thread (DESIGN.md, "Performance facts").
    private static readonly Dictionary<string, (double Ms, double PeakGb)> Authors = new()
    {
        ["stm-copy"] = (34_500, 8.2),
        ["stm-nfar"] = (13_000, 3.4),
        ["lstm-copy"] = (480, double.NaN),
    };

    // The authors' code on one NVIDIA H100 80GB (PyTorch 2.11, CUDA 13), timed as this benchmark times (README, "On a
    // GPU"). Only comparable on that GPU: the column says so.
    private static readonly Dictionary<string, (double Ms, double PeakGb)> AuthorsH100 = new()
    {
        ["stm-copy"] = (165, 7.48),
        ["stm-nfar"] = (31, 2.75),
        ["lstm-copy"] = (39, 0.26),
    };

    public static Command Create()
    {
        var iterations = new Option<int>("--iterations") { Description = "timed training iterations per configuration (after one warm-up); the median is reported", DefaultValueFactory = _ => 3 };
        var threads = new Option<string>("--threads") { Description = "comma-separated libtorch intra-op thread counts (BLAS is held at 1)", DefaultValueFactory = _ => "1,2" };
        var configs = new Option<string>("--configs") { Description = $"comma-separated subset of: {string.Join(", ", StmBench.Configs)}", DefaultValueFactory = _ => string.Join(",", StmBench.DefaultConfigs) };
        var inProcess = new Option<bool>("--in-process") { Description = "run every configuration in this process (peak RSS is then cumulative)" };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N: where the models train (built on the CPU from the same seed, then moved)", DefaultValueFactory = _ => "cpu" };
        var peer = new Option<string?>("--peer") { Description = "root of a checkout of the authors' code (github.com/thaihungle/SAM): time it too, each configuration right after ours, and print ratios measured in this run" };
        var python = new Option<string>("--python") { Description = "Python with PyTorch that runs the authors' code for --peer", DefaultValueFactory = _ => "python3" };
        var child = new Option<bool>("--child") { Hidden = true };
        var cmd = new Command("stm", "Training-iteration time (forward, loss, backward, optimizer) and peak RSS: STM copy and Nth-farthest, LSTM copy, batch 128.")
        {
            iterations, threads, configs, device, peer, python, inProcess, child,
        };
        cmd.SetAction(pr =>
        {
            int n = pr.GetValue(iterations);
            if (n < 1) throw new UsageException("--iterations must be >= 1");
            var ts = CliLists.Counts(pr.GetValue(threads), "--threads");
            var cs = ParseConfigs(pr.GetValue(configs));
            // Checked here, so a child process never fails on an absent device later.
            var dev = CliErrors.ParseDevice(pr.GetValue(device) ?? "cpu");

            if (pr.GetValue(child))
            {
                foreach (var row in StmBench.RunAll(ts, n, cs, msg => Console.Error.WriteLine($"  {msg}"), dev))
                    Console.WriteLine(RowPrefix + JsonSerializer.Serialize(row));
                return 0;
            }

            bool cuda = dev.type == DeviceType.CUDA;
            string? peerDir = pr.GetValue(peer);
            if (peerDir is not null && pr.GetValue(inProcess)) throw new UsageException("--peer runs each configuration in its own process; drop --in-process");
            using var authors = peerDir is null ? null : AuthorsPeer.Open(peerDir, pr.GetValue(python) ?? "python3");
            Console.WriteLine($"libtorch {torch.Version}, BLAS {BlasInfo.Detect().Name} (1 thread), batch {StmBench.Batch}, {Environment.ProcessorCount} cores, device {dev}");
            if (authors is not null) Console.WriteLine($"authors' code: {Path.GetFullPath(peerDir!)}, PyTorch {authors.Check()}, each configuration timed right after ours");
            var rows = new List<(StmBenchRow Ours, PeerRow? Authors)>();
            if (pr.GetValue(inProcess))
                rows.AddRange(StmBench.RunAll(ts, n, cs, msg => Console.Error.WriteLine($"  {msg}"), dev).Select(r => (r, (PeerRow?)null)));
            else
                foreach (var c in cs)
                    foreach (var t in ts)
                    {
                        var ours = RunChild(c, t, n, dev);
                        // Back to back with ours, so drift in the machine's speed touches both alike.
                        if (authors is not null) Console.Error.WriteLine($"  {c}, {t} thread(s): the authors' code ({n} timed iterations after one warm-up)");
                        rows.Add((ours, authors is null ? null : RunAuthors(authors, c, t, n, dev)));
                    }
            Console.WriteLine();
            PrintTable(rows, cuda, pr.GetValue(inProcess), authors is not null);
            // One thread should use about one core; much less means other processes took the CPU and wall times are inflated.
            if (rows.Any(r => r.Ours.Threads == 1 && r.Ours.MedianMs > 1.3 * r.Ours.CpuMs))
                Console.WriteLine("note: the machine was busy (1-thread wall time well above its CPU time); compare the CPU column, or rerun on an idle machine.");
            return 0;
        });
        return cmd;
    }

    /// <summary>
    /// One row per (config, threads). The authors' column is the timing taken in this run when there is one, else the
    /// documented number for this machine kind (CPU) or the H100 (CUDA), labelled as such.
    /// </summary>
    private static void PrintTable(List<(StmBenchRow Ours, PeerRow? Authors)> rows, bool cuda, bool inProcess, bool peer)
    {
        string authorsHeader = peer ? "authors' code, this run (ms, peak GB)" : cuda ? "authors' code on an H100 (ms, GPU GB)" : "authors' code, 1 thread (measured once on a 2-core machine; --peer measures now)";
        Console.WriteLine($"| config | threads | ms / iteration (median) | fastest ms | CPU ms / iteration | peak RSS (GB) |{(cuda ? " peak GPU memory (GB) |" : "")} parameters | {authorsHeader} | speed-up (wall) | speed-up (CPU time) |");
        Console.WriteLine($"|---|---|---|---|---|---|{(cuda ? "---|" : "")}---|---|---|---|");
        var documented = cuda ? AuthorsH100 : Authors;
        foreach (var (r, a) in rows)
        {
            string authors, wall, cpuRatio;
            if (a is not null)
            {
                double gb = (cuda ? a.PeakDeviceBytes : a.PeakRssBytes) / 1e9;
                authors = string.Create(CultureInfo.InvariantCulture, $"{a.MedianMs:F0} ms, {gb:F2} GB");
                wall = Ratio(a.MedianMs, r.MedianMs);
                cpuRatio = cuda ? "-" : Ratio(a.CpuMs, r.CpuMs);
            }
            else if (peer)
            {
                (authors, wall, cpuRatio) = ("failed (see above)", "-", "-");
            }
            else
            {
                var (ams, agb) = documented.TryGetValue(r.Config, out var known) ? known : (double.NaN, double.NaN);
                authors = double.IsNaN(ams) ? "not measured" : double.IsNaN(agb) ? $"{ams:F0} ms" : string.Create(CultureInfo.InvariantCulture, $"{ams:F0} ms, {agb:F1} GB");
                wall = Ratio(ams, r.MedianMs);
                // The documented numbers are one-thread medians, so only a one-thread CPU time compares with them.
                cpuRatio = r.Threads == 1 && !cuda ? Ratio(ams, r.CpuMs) : "-";
            }
            string peak = (r.PeakRssBytes / 1e9).ToString("F2", CultureInfo.InvariantCulture) + (r.PeakIsPerConfig && !inProcess ? "" : " (process)");
            string gpuPeak = !cuda ? "" : r.PeakDeviceBytes < 0 ? " unknown |" : string.Create(CultureInfo.InvariantCulture, $" {r.PeakDeviceBytes / 1e9:F2} |");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Config} | {r.Threads} | {r.MedianMs:F0} | {r.MinMs:F0} | {r.CpuMs:F0} | {peak} |{gpuPeak} {r.Parameters:N0} | {authors} | {wall} | {cpuRatio} |"));
        }
    }

    /// <summary>The authors' timing, or null (said on stderr) when their code failed there, e.g. out of memory: ours still print.</summary>
    private static PeerRow? RunAuthors(AuthorsPeer authors, string config, int threads, int iterations, Device device)
    {
        try
        {
            return authors.Run(config, threads, iterations, device.ToString());
        }
        catch (PeerFailedException e)
        {
            Console.Error.WriteLine($"  the authors' code failed on {config} ({threads} threads): {e.Message}");
            return null;
        }
    }

    /// <summary>Runs one configuration in a new `samrl` process and reads its result line.</summary>
    private static StmBenchRow RunChild(string config, int threads, int iterations, Device device)
    {
        var psi = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        string exe = Environment.ProcessPath ?? throw new InvalidOperationException("cannot locate the samrl executable");
        psi.FileName = exe;
        if (Path.GetFileNameWithoutExtension(exe).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            psi.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var a in new[] { "bench", "stm", "--child", "--configs", config, "--threads", threads.ToString(CultureInfo.InvariantCulture), "--iterations", iterations.ToString(CultureInfo.InvariantCulture), "--device", device.ToString() })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start the benchmark child process");
        StmBenchRow? row = null;
        string? line;
        while ((line = p.StandardOutput.ReadLine()) != null)
            if (line.StartsWith(RowPrefix, StringComparison.Ordinal)) row = JsonSerializer.Deserialize<StmBenchRow>(line[RowPrefix.Length..]);
        p.WaitForExit();
        if (p.ExitCode != 0 || row is null) throw new InvalidOperationException($"benchmark child for {config} ({threads} threads) failed with exit code {p.ExitCode}");
        return row;
    }

    private static string Ratio(double authorsMs, double oursMs) =>
        double.IsNaN(authorsMs) ? "-" : string.Create(CultureInfo.InvariantCulture, $"{authorsMs / oursMs:F1}x");

    /// <summary>A --configs value: known benchmark configurations, at least one (`bench stm` and `bench parity`).</summary>
    internal static List<string> ParseConfigs(string? text)
    {
        var cs = CliLists.Items(text, "--configs");
        foreach (var c in cs)
            if (!StmBench.Configs.Contains(c)) throw new UsageException($"--configs: unknown '{c}'; valid: {string.Join(", ", StmBench.Configs)}");
        return cs;
    }
}
