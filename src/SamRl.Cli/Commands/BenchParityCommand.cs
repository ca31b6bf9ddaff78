using System.CommandLine;
using System.Globalization;
using SamRl.Cli.Peer;
using SamRl.Memory.Benchmarks;
using SamRl.Torch;
using SamRl.Torch.Serialization;

namespace SamRl.Cli.Commands;

/// <summary>
/// `samrl bench parity --peer SAM`: trains the benchmark configurations (STM and the LSTM baseline) a few iterations
/// from one start (the same weights, under the authors' names, and the same batch) in SamRl and in the authors' code,
/// and prints both losses per iteration. Equal losses after several updates mean the same forward pass, gradients, clipping and optimizer,
/// so the two codes learn alike; the cell's equations alone are covered by the unit tests.
/// </summary>
public static class BenchParityCommand
{
    /// <summary>Lines for the parameters SamRl initialises unlike the authors' code (none when all are alike).</summary>
    private static IEnumerable<string> CompareInit(string config, string startPath, IReadOnlyDictionary<string, ParamSummary> theirs)
    {
        if (theirs.Count == 0) return [];
        var tensors = SafeTensors.Load(startPath);
        try
        {
            var ours = tensors.Where(kv => !kv.Key.StartsWith("batch.", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => ParamSummary.Of(kv.Value));
            return InitComparison.Compare(ours, theirs).Where(v => !v.Alike).Select(v => $"{config}: {v.Name} initialised differently: {v.Verdict}").ToList();
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    public static Command Create()
    {
        var peer = new Option<string>("--peer") { Description = "root of a checkout of the authors' code (github.com/thaihungle/SAM)", Required = true };
        var python = new Option<string>("--python") { Description = "Python with PyTorch that runs the authors' code", DefaultValueFactory = _ => "python3" };
        // stm-copy is left out by default: the authors' code needs ~17 GB for it in float64 (run it with --dtype float32).
        var configs = new Option<string>("--configs") { Description = $"comma-separated subset of: {string.Join(", ", StmBench.Configs)}", DefaultValueFactory = _ => "stm-nfar,stm-ar30,lstm-copy" };
        var iterations = new Option<int>("--iterations") { Description = "training iterations from the shared start", DefaultValueFactory = _ => 4 };
        var dtype = new Option<string>("--dtype") { Description = "float64 (differences are then the codes', not rounding) or float32; the authors' copy config needs ~17 GB in float64, ~8 GB in float32", DefaultValueFactory = _ => "float64" };
        var from = new Option<string>("--start") { Description = "whose start both codes train from: samrl (our seeded weights and batch, loaded by their code) or authors (their initialisation and batch, loaded by SamRl through StmCell.LoadStateDict)", DefaultValueFactory = _ => "samrl" };
        var bound = new Option<double>("--bound") { Description = "largest relative loss difference still called equal; 0 = 1e-9 in float64, 1e-4 in float32 (default)" };
        var cmd = new Command("parity", "Train SamRl and the authors' code (STM, LSTM baseline) from the same weights and batch; compare the losses per iteration.")
        {
            peer, python, configs, iterations, dtype, from, bound,
        };
        cmd.SetAction(pr =>
        {
            int n = pr.GetValue(iterations);
            if (n < 1) throw new UsageException("--iterations must be >= 1");
            var cs = BenchStmCommand.ParseConfigs(pr.GetValue(configs));
            var type = pr.GetValue(dtype) switch
            {
                "float64" => ScalarType.Float64,
                "float32" => ScalarType.Float32,
                var other => throw new UsageException($"--dtype: '{other}' is not float64 or float32"),
            };
            bool theirStart = pr.GetValue(from) switch
            {
                "samrl" => false,
                "authors" => true,
                var other => throw new UsageException($"--start: '{other}' is not samrl or authors"),
            };
            double given = pr.GetValue(bound);
            if (given < 0 || double.IsNaN(given)) throw new UsageException($"--bound must be >= 0 (0 = the dtype's default), got {given}");
            double limit = given > 0 ? given : type == ScalarType.Float64 ? 1e-9 : 1e-4;
            using var authors = AuthorsPeer.Open(pr.GetValue(peer)!, pr.GetValue(python) ?? "python3");
            string start = Path.Combine(Path.GetTempPath(), $"samrl-parity-{Environment.ProcessId}-{Guid.NewGuid():N}.safetensors");
            var worst = new List<(string Config, double Relative)>();
            var initDifferences = new List<string>();
            try
            {
                Console.WriteLine($"SamRl (libtorch {torch.Version}) and the authors' code (PyTorch {authors.Check()}), {pr.GetValue(dtype)}, {n} iterations from {(theirStart ? "the authors'" : "SamRl's")} start");
                Console.WriteLine();
                Console.WriteLine("| config | iteration | SamRl loss | authors' loss | relative difference |");
                Console.WriteLine("|---|---|---|---|---|");
                foreach (var c in cs)
                {
                    if (theirStart)
                    {
                        Console.Error.WriteLine($"  {c}: the authors' start");
                        try { authors.Export(c, start, pr.GetValue(dtype)!); }
                        catch (PeerFailedException e) { throw new PeerFailedException($"the authors' code failed to write its start for {c}: {e.Message}"); }
                    }
                    Console.Error.WriteLine($"  {c}: SamRl");
                    var ours = StmBench.RunForParity(c, n, start, type, startFromFile: theirStart);
                    Console.Error.WriteLine($"  {c}: the authors' code");
                    ParityRun run;
                    try { run = authors.Parity(c, n, start); }
                    catch (PeerFailedException e) { throw new PeerFailedException($"the authors' code failed on {c} from the shared start: {e.Message}"); }
                    var theirs = run.Losses;
                    // From their start both sides hold their initialisation: nothing to compare.
                    if (!theirStart) initDifferences.AddRange(CompareInit(c, start, run.Init));
                    if (theirs.Count != ours.Count) throw new InvalidOperationException($"the authors' code returned {theirs.Count} losses for {n} iterations");
                    double max = 0;
                    for (int i = 0; i < n; i++)
                    {
                        double rel = Math.Abs(ours[i] - theirs[i]) / Math.Max(Math.Abs(theirs[i]), 1e-300);
                        max = Math.Max(max, rel);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {c} | {i + 1} | {ours[i]:R} | {theirs[i]:R} | {rel:E2} |"));
                    }
                    worst.Add((c, max));
                }
            }
            finally
            {
                File.Delete(start);
            }
            Console.WriteLine();
            Console.WriteLine(theirStart
                ? "Initialisation: not compared (both trained from the authors' own)"
                : $"Initialisation (SamRl's seeded start against the authors' own, in distribution): {(initDifferences.Count == 0 ? "every parameter alike" : $"{initDifferences.Count} DIFFERENT")}");
            foreach (var (c, rel) in worst)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c}: largest relative difference {rel:E2} ({(rel <= limit ? "equal" : "DIFFERENT")}, bound {limit:E0})"));
            foreach (var line in initDifferences) Console.WriteLine(line);
            return worst.All(w => w.Relative <= limit) && initDifferences.Count == 0 ? 0 : 1;
        });
        return cmd;
    }
}
