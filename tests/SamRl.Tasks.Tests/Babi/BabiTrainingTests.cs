using SamRl.Tasks.Babi;
using SamRl.Tasks.Training;

namespace SamRl.Tasks.Tests.Babi;

[Collection("torch-training")]
public sealed class BabiTrainingTests
{
    [Theory]
    [InlineData("stm")]
    [InlineData("lstm")]
    public void Joint_training_evaluates_on_the_validation_files_and_tests_per_task(string model)
    {
        var counts = BabiFixture.Counts();
        using var trainer = new TaskTrainer(BabiFixture.Tiny("babi", model));
        Assert.IsType<BabiTask>(trainer.Task);
        Assert.Equal(counts.Values.Sum(c => c[5]), trainer.EvalSet().Sum(b => b.BatchSize));
        var result = trainer.Run();
        Assert.Equal(4, result.Iteration);
        Assert.NotNull(result.LastEval);
        Assert.Equal("accuracy", result.LastEval!.MetricName);
        Assert.True(double.IsFinite(result.LastEval.Loss));

        var table = BabiErrorTable.Evaluate(trainer, (BabiTask)trainer.Task);
        Assert.Equal(Enumerable.Range(1, 20), table.Rows.Select(r => r.Task));
        Assert.All(table.Rows, r => Assert.Equal(counts[r.Task][7], r.Questions));
        Assert.Equal(table.Rows.Average(r => r.ErrorPercent), table.MeanErrorPercent, 9);
        Assert.Equal(table.Rows.Count(r => r.ErrorPercent > 5), table.Failed);
        var csv = table.ToCsv().Split('\n');
        Assert.Equal("task,questions,correct,error_percent,loss", csv[0]);
        Assert.StartsWith("mean,", csv[21]);
    }

    [Fact]
    public void Single_task_batches_come_from_that_task_only()
    {
        using var trainer = new TaskTrainer(BabiFixture.Tiny("babi:17", "lstm"));
        var task = (BabiTask)trainer.Task;
        var data = Assert.Single(task.Corpus.Tasks);
        Assert.Equal(17, data.Task);
        var batch = trainer.BatchFor(1);
        Assert.Equal(data.StorySteps + 1, batch.InputSteps);
        Assert.Equal(data.Words, batch.InputSize);
        Assert.Equal(8, batch.BatchSize);
    }

    [Fact]
    public void Learning_rate_halves_once_after_the_validation_loss_drops_below_the_threshold_and_survives_a_checkpoint()
    {
        var config = BabiFixture.Tiny("babi:1", "lstm") with { LrDecayBelowEvalLoss = 1e9, EvalEvery = 2, GradClipNorm = 0.01 };
        Assert.Equal(6e-4, config.LearningRate);
        using var trainer = new TaskTrainer(config);
        trainer.Run();
        Assert.Equal(2, trainer.Progress.LrDecayedAt);
        Assert.Equal(6e-4, trainer.LearningRateAt(2), 12);
        Assert.Equal(3e-4, trainer.LearningRateAt(3), 12);
        Assert.Equal(3e-4, trainer.LearningRateAt(100), 12); // once, not again at the next evaluation

        var path = Path.Combine(BabiFixture.TempFolder(), "c.safetensors");
        try
        {
            trainer.SaveCheckpoint(path);
            using var again = new TaskTrainer(config);
            again.LoadCheckpoint(path);
            Assert.Equal(2, again.Progress.LrDecayedAt);
            Assert.Equal(3e-4, again.LearningRateAt(5), 12);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, true);
        }
    }

    [Fact]
    public void Reference_settings_and_bad_settings()
    {
        var c = TaskConfig.ForTask("babi");
        Assert.Equal((TaskConfig.Adam, 6e-4, 0.9, 0.99, 5.0, 0.0, 0.1), (c.Optimizer, c.LearningRate, c.Beta1, c.Beta2, c.GradClipNorm, c.GradClip, c.LrDecayBelowEvalLoss));
        Assert.Equal((20, 90, 96, 64), (c.Slots, c.SlotSize, c.RelSize, c.EmbeddingSize));
        Assert.Equal((1.0, (double?)null, 0.0), (c.Alpha1, c.Alpha2, c.Alpha3));
        Assert.StartsWith("babi-1-stm-s1-", (c with { Task = "babi:1" }).RunId(DateTime.UnixEpoch));

        var missing = Path.Combine(Path.GetTempPath(), "no-babi-here-" + Guid.NewGuid().ToString("N")[..6]);
        var e = Assert.Throws<ArgumentException>(() => (c with { DataPath = missing }).Validate());
        Assert.Contains(missing, e.Message);
        Assert.Contains("--data", e.Message);
        Assert.Throws<ArgumentException>(() => (TaskConfig.ForTask("copy") with { DataPath = "x" }).Validate());
        Assert.Throws<ArgumentException>(() => (c with { DataPath = BabiFixture.Folder, GradClipNorm = -1 }).Validate());
    }
}
