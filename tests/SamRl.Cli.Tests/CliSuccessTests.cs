namespace SamRl.Cli.Tests;

/// <summary>The fast commands succeed: exit code 0, the promised output, nothing on stderr.</summary>
[Collection(ConsoleCollection.Name)]
public class CliSuccessTests
{
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
    public void TinyCopyRunWritesMetricsAndCheckpoint()
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
            var r = CliRunner.Run(
                "task", "nfar", "--model", "lstm", "--iterations", "2", "--batch", "4", "--lstm-hidden", "16",
                "--eval-every", "2", "--eval-size", "8", "--out", root);
            Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}; stdout: {r.Out}; stderr: {r.Err}");
            var run = Assert.Single(Directory.GetDirectories(root));

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
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
