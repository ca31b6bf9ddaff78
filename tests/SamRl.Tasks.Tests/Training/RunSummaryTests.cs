using SamRl.Tasks.Training;

namespace SamRl.Tasks.Tests.Training;

[Collection("torch-training")]
public sealed class RunSummaryTests
{
    private const string Header = MetricsRow.Header + "\n";

    [Fact]
    public void Reads_progress_evaluations_and_tests_and_ignores_a_row_still_being_written()
    {
        var root = TrainerFixtures.TempRoot();
        try
        {
            var config = TaskConfig.ForTask("nfar") with { Iterations = 300, LearningRate = 3e-4, LrSteps = LrSchedule.Parse("150:1e-4") };
            var run = RunDirectory.Create(root, config);
            run.WriteConfig(config);
            File.WriteAllText(run.MetricsPath, Header +
                "100,12800,10.000,1.5,0.30,1.4,0.40,accuracy\n" +
                "200,25600,20.000,1.0,0.60,0.9,0.70,accuracy\n" +
                "250,32000,25.000,0.8,0.65,,,accuracy\n" +
                "300,38400,30.000,0.7,0.66,0.8,0.6");   // no newline yet: the trainer is writing it
            File.WriteAllText(Path.Combine(run.Path, "test-best.json"), """{ "checkpoint": "best", "iteration": 200, "sequences": 20000, "loss": 0.9, "accuracy": 0.69 }""");

            var s = RunSummary.Read(run.Path);
            Assert.Equal((run.RunId, 250L, 25.0, "accuracy"), (s.RunId, s.Iteration, s.WallSeconds, s.MetricName));
            Assert.Equal([new EvalPoint(100, 1.4, 0.40), new EvalPoint(200, 0.9, 0.70)], s.Evals);
            Assert.Equal(new EvalPoint(200, 0.9, 0.70), s.BestEval);
            Assert.Equal(new TestPoint("best", 200, 20_000, 0.69), Assert.Single(s.Tests));
            Assert.Equal(1e-4, s.Config.LearningRateAt(s.Iteration + 1));
            Assert.Equal("stm N=8 d=128 no gates", s.ModelLabel());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Best_bit_error_is_the_lowest()
    {
        var root = TrainerFixtures.TempRoot();
        try
        {
            var config = TaskConfig.ForTask("copy", "lstm");
            var run = RunDirectory.Create(root, config);
            run.WriteConfig(config);
            File.WriteAllText(run.MetricsPath, Header + "10,1280,1.000,0.6,9.5,0.6,9.0,bit_error\n20,2560,2.000,0.5,7.0,0.5,7.5,bit_error\n30,3840,3.000,0.4,6.0,0.4,8.0,bit_error\n");
            var s = RunSummary.Read(run.Path);
            Assert.False(s.HigherIsBetter);
            Assert.Equal(20, s.BestEval!.Iteration);
            Assert.Equal(30, s.LastEval!.Iteration);
            Assert.Equal("lstm 512", s.ModelLabel());
            run.WriteConfig(config with { LstmInit = TaskConfig.LstmInitPyTorch });
            Assert.Equal("lstm 512 pytorch-init", RunSummary.Read(run.Path).ModelLabel());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_run_without_metrics_yet_has_no_progress()
    {
        var root = TrainerFixtures.TempRoot();
        try
        {
            var config = TaskConfig.ForTask("copy");
            var run = RunDirectory.Create(root, config);
            run.WriteConfig(config);
            var s = RunSummary.Read(run.Path);
            Assert.Equal((0L, "bit_error", 0), (s.Iteration, s.MetricName, s.Evals.Count));
            Assert.Null(s.BestEval);
            Assert.Equal("stm N=8 d=96", s.ModelLabel());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Damaged_files_are_reported_with_their_path_and_line()
    {
        var root = TrainerFixtures.TempRoot();
        try
        {
            var config = TaskConfig.ForTask("copy");
            var run = RunDirectory.Create(root, config);
            run.WriteConfig(config);
            File.WriteAllText(run.MetricsPath, Header + "10,1280,1.000\n");
            var e = Assert.Throws<InvalidDataException>(() => RunSummary.Read(run.Path));
            Assert.Contains("metrics.csv line 2", e.Message);

            File.WriteAllText(run.ConfigPath, "{ not json");
            Assert.Contains("config.json", Assert.Throws<InvalidDataException>(() => RunSummary.Read(run.Path)).Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Finds_a_run_folder_or_the_run_folders_inside_a_folder()
    {
        var root = TrainerFixtures.TempRoot();
        try
        {
            var a = RunDirectory.Create(root, TaskConfig.ForTask("copy"));
            a.WriteConfig(TaskConfig.ForTask("copy"));
            var b = RunDirectory.Create(root, TaskConfig.ForTask("nfar"));
            b.WriteConfig(TaskConfig.ForTask("nfar"));
            Directory.CreateDirectory(Path.Combine(root, "not-a-run"));

            Assert.Equal(new[] { a.Path, b.Path }.Order(StringComparer.Ordinal), RunSummary.FindRunFolders(root));
            Assert.Equal([a.Path], RunSummary.FindRunFolders(a.Path));
            Assert.Empty(RunSummary.FindRunFolders(Path.Combine(root, "not-a-run")));
            Assert.Throws<DirectoryNotFoundException>(() => RunSummary.FindRunFolders(Path.Combine(root, "missing")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
