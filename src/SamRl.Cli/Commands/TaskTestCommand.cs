using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SamRl.Tasks.Training;
using SamRl.Torch;

namespace SamRl.Cli.Commands;

/// <summary>
/// `samrl task test runs/&lt;id&gt;`: scores a trained run's checkpoint on a fresh test set, as the paper reports test
/// accuracy on data neither trained nor selected on. The set comes from its own seed stream (never the held-out
/// set that picked the best checkpoint, never the training set); the result also goes to test-&lt;checkpoint&gt;.json (the newest) and tests.csv (every one).
/// </summary>
public static class TaskTestCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "run folder (runs/<id>)" };
        var checkpoint = new Option<string>("--checkpoint") { Description = "best (by held-out metric) or latest", DefaultValueFactory = _ => "best" };
        var size = new Option<int>("--size") { Description = "test sequences (default 20000, the authors' test set size for associative retrieval; babi runs use their test files, so --size and --seed do not apply)", DefaultValueFactory = _ => 20_000 };
        var seed = new Option<int?>("--seed") { Description = "test set seed (default: derived from the run's eval seed, distinct from its held-out and training sets)" };
        var data = new Option<string?>("--data") { Description = "bAbI runs: the data folder, when it is no longer where the run was trained from (default: the run's)" };
        var threads = new Option<int?>("--threads") { Description = "libtorch intra-op threads (default: the run's)" };
        var device = new Option<string?>("--device") { Description = "cpu, cuda or cuda:N (default: the run's; a run trained on a GPU can be tested on the CPU)" };
        var cmd = new Command("test", "Score a run's checkpoint on a fresh test set.") { run, checkpoint, size, seed, data, threads, device };
        cmd.SetAction(pr =>
        {
            var path = pr.GetValue(run)!;
            var which = pr.GetValue(checkpoint) ?? "best";
            if (which is not ("best" or "latest")) throw new UsageException($"--checkpoint must be best or latest, got '{which}'");
            int n = pr.GetValue(size);
            if (n < 1) throw new UsageException($"--size must be >= 1, got {n}");
            if (pr.GetValue(threads) is < 1) throw new UsageException("--threads must be >= 1");

            var dir = TaskCommand.OpenRun(path, "cannot test");
            var ckpt = which == "best" ? dir.BestCheckpointPath : dir.LatestCheckpointPath;
            if (!File.Exists(ckpt)) throw new UsageException($"cannot test: {ckpt} does not exist (train longer, or try --checkpoint {(which == "best" ? "latest" : "best")})");

            var config = dir.ReadConfig();
            if (SamRl.Tasks.Babi.BabiTask.TryParseName(config.Task, out _))
                return BabiTestCommand.Run(dir, config with { DataPath = pr.GetValue(data) ?? config.DataPath }, ckpt, which, pr.GetValue(threads), pr.GetValue(device));
            if (pr.GetValue(data) is not null) throw new UsageException($"--data applies to bAbI runs only; {config.Task} draws its test set from a seed");
            int testSeed = pr.GetValue(seed) ?? SeedMix.Derive(config.EvalSeed, SeedMix.TestSetStream, 0);
            if (testSeed == config.EvalSeed) throw new UsageException($"--seed {testSeed} is the run's held-out seed; a test set needs another");
            // Always stratified: a test set need not match an old held-out set, and random sizes in chunks misstate
            // a copy model's error (it sits in the long sequences).
            config = config with { EvalSeed = testSeed, EvalSize = n, EvalLengths = TaskConfig.EvalLengthsStratified, Threads = pr.GetValue(threads) ?? config.Threads, Device = pr.GetValue(device) ?? config.Device };
            try { config.TorchDevice(); }
            catch (ArgumentException e) { throw new UsageException($"cannot test on {config.Device}: {e.Message}{(pr.GetValue(device) is null ? "; pass --device cpu" : "")}"); }
            using var trainer = new TaskTrainer(config);
            var progress = TaskCheckpoint.Load(ckpt, trainer.Model, null, trainer.Device);
            Console.WriteLine($"testing {config.Model} on {config.Task}: {which} checkpoint (iteration {progress.Iteration:N0}), {n:N0} fresh sequences, seed {testSeed}");
            var result = trainer.Evaluate();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"test loss {result.Loss:F4}, {result.MetricName} {TaskCommand.FormatMetric(result.MetricName, result.Metric)}{TaskCommand.FormatExtra(result.Extra, ", ")} over {result.Sequences:N0} sequences"));
            PrintByLength(result);

            var testedUtc = RunDirectory.UtcStamp();
            var report = new Dictionary<string, object?>
            {
                ["checkpoint"] = which,
                ["iteration"] = progress.Iteration,
                ["test_seed"] = testSeed,
                ["sequences"] = result.Sequences,
                ["device"] = config.Device,
                ["loss"] = result.Loss,
                [result.MetricName] = result.Metric,
                ["tested_utc"] = testedUtc,
            };
            foreach (var e in result.Extra) report[e.Name] = e.Value;
            if (result.ByLength.Count > 0)
            {
                report["eval_lengths"] = config.EvalLengths;
                report["by_" + result.LengthName] = result.ByLength
                    .Select(l => new Dictionary<string, object> { [result.LengthName!] = l.Length, ["sequences"] = l.Sequences, ["loss"] = l.Loss, [result.MetricName] = l.Metric })
                    .ToList();
            }
            var outFile = Path.Combine(dir.Path, $"test-{which}.json");
            RunDirectory.WriteAllTextAtomic(outFile, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }) + "\n");
            TestHistory.Append(dir.Path, testedUtc, which, progress.Iteration, testSeed, result.Sequences, config.Device, result.Loss, result.MetricName, result.Metric);
            Console.WriteLine($"written: {outFile} (and a row in {TestHistory.FileName})");
            return 0;
        });
        return cmd;
    }

    /// <summary>The test metric per size of a variable-length task: where a copy model's errors are (the long sequences).</summary>
    private static void PrintByLength(EvalResult result)
    {
        if (result.ByLength.Count == 0) return;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.LengthName,8} {"sequences",10} {"loss",8} {result.MetricName,10}"));
        foreach (var l in result.ByLength)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{l.Length,8} {l.Sequences,10:N0} {l.Loss,8:F4} {TaskCommand.FormatMetric(result.MetricName, l.Metric),10}"));
        }
    }
}
