namespace SamRl.Cli.Tests;

/// <summary>The per-step class tasks through the command line: a TSP run prints and saves its tour lengths.</summary>
[Collection(ConsoleCollection.Name)]
public class GeometricTaskCliTests
{
    [Fact]
    public void Tiny_tsp_run_reports_tour_lengths_in_progress_metrics_and_test()
    {
        var root = Path.Combine(Path.GetTempPath(), "samrl-cli-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            var r = CliRunner.Run(
                "task", "tsp-5", "--model", "lstm", "--iterations", "2", "--batch", "4", "--lstm-hidden", "16",
                "--eval-every", "2", "--eval-size", "8", "--out", root);
            Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}; stdout: {r.Out}; stderr: {r.Err}");
            Assert.Contains("eval_tour_length ", r.Out);
            var run = Assert.Single(Directory.GetDirectories(root));
            Assert.EndsWith(",eval_tour_length,eval_optimal_tour_length,eval_valid_tour", File.ReadLines(Path.Combine(run, "metrics.csv")).First());

            var t = CliRunner.Run("task", "test", run, "--checkpoint", "latest", "--size", "16");
            Assert.True(t.ExitCode == 0, $"exit {t.ExitCode}; stdout: {t.Out}; stderr: {t.Err}");
            Assert.Contains("optimal_tour_length", t.Out);
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "test-latest.json")));
            var tour = json.RootElement.GetProperty("tour_length").GetDouble();
            var optimum = json.RootElement.GetProperty("optimal_tour_length").GetDouble();
            Assert.True(tour >= optimum - 1e-9, $"tour {tour} shorter than the optimum {optimum}");
            Assert.InRange(json.RootElement.GetProperty("accuracy").GetDouble(), 0, 1);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Length_options_are_refused_on_the_geometric_tasks()
    {
        var r = CliRunner.Run("task", "hull-5", "--model", "lstm", "--iterations", "1", "--max-length", "7");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("do not apply to task 'hull-5'", r.Err);
    }
}
