namespace SamRl.Cli.Tests;

/// <summary>The fast commands succeed: exit code 0, the promised output, nothing on stderr.</summary>
[Collection(ConsoleCollection.Name)]
public class CliSuccessTests
{
    /// <summary>Trains a 2-iteration LSTM Nth-farthest run under <paramref name="root"/> and returns its folder.</summary>
    private static string TinyNfarRun(string root, string evalEvery = "2", params string[] extra)
    {
        string[] args = ["task", "nfar", "--model", "lstm", "--iterations", "2", "--batch", "4", "--lstm-hidden", "16",
                         "--eval-every", evalEvery, "--eval-size", "8", "--out", root, .. extra];
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}; stdout: {r.Out}; stderr: {r.Err}");
        return Directory.GetDirectories(root).OrderByDescending(Directory.GetCreationTimeUtc).First();
    }

    [Fact]
    public void DoctorReportsLibtorch()
    {
        var r = CliRunner.Run("doctor");
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}; stdout: {r.Out}; stderr: {r.Err}");
        Assert.Contains("libtorch", r.Out);
        Assert.Contains("self-test     : ok", r.Out);
    }

    [Fact]
    public void EnvsListShowsPong()
    {
        var r = CliRunner.Run("envs", "list");
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}; stderr: {r.Err}");
        Assert.Contains("| pong |", r.Out);
        Assert.Equal("", r.Err);
    }

    [Fact]
    public void TaskListShowsCopy()
    {
        var r = CliRunner.Run("task", "list");
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}; stderr: {r.Err}");
        Assert.Contains("| copy |", r.Out);
        Assert.Equal("", r.Err);
    }

    [Fact]
    public void TinyCopyRunWritesMetricsAndCheckpointAndTestsEachLength()
    {
        var root = Path.Combine(Path.GetTempPath(), "samrl-cli-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            var r = CliRunner.Run(
                "task", "copy", "--model", "lstm", "--iterations", "3", "--batch", "4", "--width", "4", "--max-length", "3",
                "--min-length", "1", "--lstm-hidden", "16", "--eval-every", "3", "--eval-size", "8", "--out", root);
            Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}; stdout: {r.Out}; stderr: {r.Err}");
            Assert.Contains("finished at iteration 3", r.Out);
            var run = Assert.Single(Directory.GetDirectories(root));
            var metrics = Path.Combine(run, "metrics.csv");
            Assert.True(File.Exists(metrics), $"no {metrics}");
            Assert.True(File.ReadAllLines(metrics).Length >= 2, "metrics.csv has no data row");
            var latest = Path.Combine(run, "checkpoints", "latest.safetensors");
            Assert.True(File.Exists(latest), $"no {latest}");
            Assert.True(new FileInfo(latest).Length > 0);

            // The test set holds every length equally often, and the report scores each one.
            var t = CliRunner.Run("task", "test", run, "--checkpoint", "latest", "--size", "30");
            Assert.True(t.ExitCode == 0, $"exit {t.ExitCode}; stdout: {t.Out}; stderr: {t.Err}");
            Assert.Contains("  length  sequences", t.Out);
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "test-latest.json")));
            Assert.Equal("stratified", json.RootElement.GetProperty("eval_lengths").GetString());
            var byLength = json.RootElement.GetProperty("by_length").EnumerateArray().ToList();
            Assert.Equal([1, 2, 3], byLength.Select(e => e.GetProperty("length").GetInt32()));
            Assert.All(byLength, e => Assert.Equal(10, e.GetProperty("sequences").GetInt32()));
            Assert.All(byLength, e => Assert.InRange(e.GetProperty("bit_error").GetDouble(), 0, 3 * 4));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void TaskTestScoresACheckpointOnAFreshSetReproducibly()
    {
        var root = Path.Combine(Path.GetTempPath(), "samrl-cli-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = TinyNfarRun(root);

            var t1 = CliRunner.Run("task", "test", run, "--size", "40");
            Assert.True(t1.ExitCode == 0, $"exit {t1.ExitCode}; stdout: {t1.Out}; stderr: {t1.Err}");
            Assert.Contains("over 40 sequences", t1.Out);
            var report = Path.Combine(run, "test-best.json");
            Assert.True(File.Exists(report), $"no {report}");
            using (var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(report)))
            {
                Assert.Equal(40, json.RootElement.GetProperty("sequences").GetInt32());
                var acc = json.RootElement.GetProperty("accuracy").GetDouble();
                Assert.InRange(acc, 0, 1);
            }
            var t2 = CliRunner.Run("task", "test", run, "--size", "40");
            Assert.Equal(t1.Out.Split('\n')[1], t2.Out.Split('\n')[1]); // same set, same weights, same score

            var held = CliRunner.Run("task", "test", run, "--checkpoint", "latest", "--seed", "20200712");
            Assert.Equal(2, held.ExitCode); // the run's own held-out seed is refused
            Assert.Contains("held-out", held.Err);

            // Every test is kept in tests.csv, the refused one not.
            var history = File.ReadAllLines(Path.Combine(run, "tests.csv"));
            Assert.Equal(3, history.Length);
            Assert.Equal("tested_utc,checkpoint,iteration,test_seed,sequences,device,loss,metric_name,metric", history[0]);
            var row = history[1].Split(',');
            Assert.Equal(9, row.Length);
            Assert.Equal(("best", "40", "cpu", "accuracy"), (row[1], row[4], row[5], row[7]));
            using (var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(report)))
                Assert.Equal(json.RootElement.GetProperty("accuracy").GetDouble(), double.Parse(row[8], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(history[1].Split(',')[1..], history[2].Split(',')[1..]); // the same score again, at another time
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    // A run trained on a GPU and copied to a machine without one: its config names a CUDA device that is absent.
    // `task test` says so in one line, tests it with --device cpu, and --resume --device cpu goes on and records it.
    [Fact]
    public void RunFromAnAbsentGpuIsTestedAndResumedOnTheCpu()
    {
        var root = Path.Combine(Path.GetTempPath(), "samrl-cli-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = TinyNfarRun(root);
            var configPath = Path.Combine(run, "config.json");
            File.WriteAllText(configPath, File.ReadAllText(configPath).Replace("\"device\": \"cpu\"", "\"device\": \"cuda:99\"", StringComparison.Ordinal));
            Assert.Contains("cuda:99", File.ReadAllText(configPath));

            var refused = CliRunner.Run("task", "test", run, "--size", "16");
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("--device cpu", refused.Err);

            var tested = CliRunner.Run("task", "test", run, "--size", "16", "--device", "cpu");
            Assert.True(tested.ExitCode == 0, $"exit {tested.ExitCode}; stdout: {tested.Out}; stderr: {tested.Err}");
            Assert.Contains("\"device\": \"cpu\"", File.ReadAllText(Path.Combine(run, "test-best.json")));

            var resumed = CliRunner.Run("task", "--resume", run, "--iterations", "3", "--device", "cpu");
            Assert.True(resumed.ExitCode == 0, $"exit {resumed.ExitCode}; stdout: {resumed.Out}; stderr: {resumed.Err}");
            Assert.Contains("finished at iteration 3", resumed.Out);
            var config = File.ReadAllText(configPath);
            Assert.DoesNotContain("cuda:99", config);
            Assert.Contains("\"device\": \"cpu\"", config);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void TaskRunsSummarisesAndComparesRuns()
    {
        var root = Path.Combine(Path.GetTempPath(), "samrl-cli-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var seed in new[] { "1", "2" }) TinyNfarRun(root, "1", "--seed", seed, "--lr-steps", "1:5e-5");

            var runs = CliRunner.Run("task", "runs", root, "--curves");
            Assert.True(runs.ExitCode == 0, $"exit {runs.ExitCode}; stdout: {runs.Out}; stderr: {runs.Err}");
            Assert.Equal("", runs.Err);
            var lines = runs.Out.Split('\n');
            Assert.Equal(2, lines.Count(l => l.Contains("| nfar | lstm 16 | 2 / 2 | 5E-05 |", StringComparison.Ordinal)));
            Assert.Contains(lines, l => l.StartsWith("| 1 | nfar-lstm-s1-", StringComparison.Ordinal));
            var curve = lines.SkipWhile(l => !l.StartsWith("| iteration | #1 | #2 |", StringComparison.Ordinal)).Skip(2).Where(l => l.StartsWith('|')).ToList();
            Assert.Equal(["| 1 |", "| 2 |"], curve.Select(l => l[..5]));
            Assert.All(curve, l => Assert.Equal(2, l.Count(ch => ch == '%')));

            var missing = CliRunner.Run("task", "runs", Path.Combine(root, "missing"));
            Assert.Equal(2, missing.ExitCode);
            Assert.Contains("does not exist", missing.Err);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
