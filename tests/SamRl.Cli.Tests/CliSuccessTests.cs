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
}
