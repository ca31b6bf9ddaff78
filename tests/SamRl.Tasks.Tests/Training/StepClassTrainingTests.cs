using SamRl.Tasks.Data;
using SamRl.Tasks.Training;

namespace SamRl.Tasks.Tests.Training;

public class StepClassTrainingTests
{
    private static TaskConfig TinyTsp(string model) => TrainerFixtures.TinyModel(TaskConfig.ForTask("tsp-5", model)) with
    {
        Iterations = 12,
        Batch = 16,
        LogEvery = 3,
        EvalEvery = 6,
        EvalSize = 32,
        CheckpointEvery = 6,
    };

    [Theory]
    [InlineData("stm")]
    [InlineData("lstm")]
    public void Tsp_run_writes_tour_lengths_as_extra_eval_columns_that_read_back(string model)
    {
        var root = TrainerFixtures.TempRoot();
        try
        {
            var config = TinyTsp(model);
            var run = RunDirectory.Create(root, config);
            EvalResult? last;
            using (var trainer = new TaskTrainer(config, run))
            {
                Assert.Equal("accuracy", trainer.MetricName);
                last = trainer.Run().LastEval;
            }

            Assert.NotNull(last);
            Assert.Equal(["tour_length", "optimal_tour_length", "valid_tour"], last.Extra.Select(e => e.Name));
            Assert.InRange(last.Metric, 0, 1);
            var lines = File.ReadAllLines(run.MetricsPath);
            Assert.Equal(MetricsRow.Header + ",eval_tour_length,eval_optimal_tour_length,eval_valid_tour", lines[0]);

            var rows = MetricsWriter.Read(run.MetricsPath);
            var evals = rows.Where(r => r.EvalMetric is not null).ToList();
            Assert.Equal(2, evals.Count);
            foreach (var r in evals)
            {
                var tour = r.Extra.Single(e => e.Name == "tour_length").Value;
                var optimum = r.Extra.Single(e => e.Name == "optimal_tour_length").Value;
                Assert.True(tour >= optimum - 1e-6, $"a repaired tour ({tour}) cannot beat the optimum ({optimum})");
                Assert.InRange(optimum, 1.5, 2.7);
            }

            Assert.All(rows.Where(r => r.EvalMetric is null), r => Assert.Empty(r.Extra));
            Assert.Equal(12, RunSummary.Read(run.Path).LastRow!.Iteration);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Old_metrics_rows_without_extra_columns_still_parse()
    {
        var row = MetricsRow.Parse("200,25600,12.500,0.5,0.75,0.4,0.8,accuracy");
        Assert.Equal(0.8, row.EvalMetric);
        Assert.Empty(row.Extra);
        var extended = MetricsRow.Parse("200,25600,12.500,0.5,0.75,0.4,0.8,accuracy,2.1,", ["tour_length", "valid_tour"]);
        Assert.Equal([new NamedMetric("tour_length", 2.1)], extended.Extra);
        Assert.Equal("200,25600,12.500,0.5,0.75,0.4,0.8,accuracy,2.1,", extended.ToCsv(["tour_length", "valid_tour"]));
        Assert.Throws<FormatException>(() => MetricsRow.Parse("200,25600,12.500,0.5,0.75,0.4,0.8,accuracy", ["tour_length"]));
    }

    [Theory]
    [InlineData("hull-5")]
    [InlineData("shortest-path")]
    [InlineData("mst")]
    public void Graph_and_hull_tasks_train_and_evaluate_with_the_lstm(string task)
    {
        var config = TaskConfig.ForTask(task, "lstm") with { Iterations = 4, Batch = 8, LstmHidden = 16, EvalEvery = 4, EvalSize = 16, LogEvery = 2 };
        using var trainer = new TaskTrainer(config);
        var result = trainer.Run();
        Assert.NotNull(result.LastEval);
        Assert.InRange(result.LastEval.Metric, 0, 1);
        Assert.True(double.IsFinite(result.LastEval.Loss));
        Assert.Empty(result.LastEval.Extra);
        Assert.Equal(TargetKind.StepClasses, trainer.Task.TargetKind);
    }
}
