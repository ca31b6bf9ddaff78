namespace SamRl.Cli.Tests;

/// <summary>`samrl task babi...` end to end on the bAbI fixture committed with the task tests.</summary>
public class BabiCommandTests
{
    // tests/SamRl.Cli.Tests/bin/<config>/<tfm>/ -> tests/SamRl.Tasks.Tests/Babi/Fixture
    private static string Fixture => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "SamRl.Tasks.Tests", "Babi", "Fixture"));

    [Fact]
    public void Single_task_run_then_test_writes_the_per_task_error_table_and_lists_the_run()
    {
        Assert.True(Directory.Exists(Fixture), $"no fixture at {Fixture}");
        var root = Path.Combine(Path.GetTempPath(), "samrl-cli-babi-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var r = CliRunner.Run(
                "task", "babi:4", "--model", "lstm", "--iterations", "2", "--batch", "4", "--lstm-hidden", "8",
                "--eval-every", "2", "--data", Fixture, "--out", root);
            Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}; stdout: {r.Out}; stderr: {r.Err}");
            Assert.Contains("finished at iteration 2", r.Out);
            var run = Assert.Single(Directory.GetDirectories(root));
            Assert.StartsWith("babi-4-lstm-", Path.GetFileName(run));

            var t = CliRunner.Run("task", "test", run, "--checkpoint", "latest");
            Assert.True(t.ExitCode == 0, $"exit {t.ExitCode}; stdout: {t.Out}; stderr: {t.Err}");
            Assert.Contains("failed tasks (error > 5%):", t.Out);
            var csv = File.ReadAllLines(Path.Combine(run, "babi-errors.csv"));
            Assert.Equal("task,questions,correct,error_percent,loss", csv[0]);
            Assert.StartsWith("4,2,", csv[1]); // the fixture's task-4 test file holds 2 questions
            Assert.StartsWith("mean,2,", csv[2]);

            // The data moved: --data names the new place, a missing one is a one-line usage error.
            var moved = CliRunner.Run("task", "test", run, "--checkpoint", "latest", "--data", Fixture);
            Assert.True(moved.ExitCode == 0, $"exit {moved.ExitCode}; stderr: {moved.Err}");
            var gone = CliRunner.Run("task", "test", run, "--checkpoint", "latest", "--data", Path.Combine(root, "no-such-babi"));
            Assert.True(gone.ExitCode == 2, $"exit {gone.ExitCode}; stderr: {gone.Err}");
            Assert.Contains("no-such-babi", Assert.Single(gone.ErrLines));

            var runs = CliRunner.Run("task", "runs", root);
            Assert.True(runs.ExitCode == 0, $"exit {runs.ExitCode}; stderr: {runs.Err}");
            Assert.Contains("babi:4", runs.Out);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, true);
        }
    }

    [Theory]
    [InlineData("babi:21", "babi:N")]
    [InlineData("babi", "--data")]
    public void Bad_names_and_missing_data_are_one_line_usage_errors(string task, string mentions)
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-babi-" + Guid.NewGuid().ToString("N")[..6]);
        var r = CliRunner.Run("task", task, "--iterations", "1", "--data", missing);
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}; stderr: {r.Err}");
        Assert.Single(r.ErrLines);
        Assert.StartsWith("samrl: ", r.ErrLines[0]);
        Assert.Contains(mentions, r.ErrLines[0]);
        Assert.DoesNotContain("   at ", r.Err);
    }
}
