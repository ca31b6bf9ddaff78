using SamRl.Tasks.Training;

namespace SamRl.Tasks.Tests.Training;

[Collection("torch-training")]
public sealed class LrScheduleTests
{
    [Fact]
    public void Rate_changes_after_each_step_iteration()
    {
        var config = TaskConfig.ForTask("copy") with { LearningRate = 3e-4, LrSteps = LrSchedule.Parse("10:1e-4, 20:3e-5") };
        Assert.Equal([3e-4, 3e-4, 1e-4, 1e-4, 3e-5, 3e-5], new long[] { 1, 10, 11, 20, 21, 1_000_000 }.Select(config.LearningRateAt).ToArray());
        Assert.Equal(1e-4, TaskConfig.ForTask("copy").LearningRateAt(123));
        Assert.Equal("10:0.0001,20:3E-05", config.LrSteps.ToString());
    }

    [Fact]
    public void Setting_a_rate_from_an_iteration_drops_the_later_steps()
    {
        var schedule = LrSchedule.Parse("10:1e-4,20:3e-5").From(15, 5e-5);
        Assert.Equal([new LrStep(10, 1e-4), new LrStep(15, 5e-5)], schedule.ToArray());
        Assert.Equal([new LrStep(10, 2e-4)], LrSchedule.Parse("10:1e-4").From(10, 2e-4).ToArray());
    }

    [Theory]
    [InlineData("10", "is not ITER:LR")]
    [InlineData("x:1e-4", "is not ITER:LR")]
    [InlineData("10:fast", "is not ITER:LR")]
    public void Malformed_text_is_rejected_naming_the_part(string text, string message) =>
        Assert.Contains(message, Assert.Throws<FormatException>(() => LrSchedule.Parse(text)).Message);

    [Theory]
    [InlineData("20:1e-4,10:3e-5", "increasing iteration order")]
    [InlineData("10:1e-4,10:3e-5", "increasing iteration order")]
    [InlineData("-1:1e-4", "must be >= 0")]
    [InlineData("10:0", "positive number")]
    [InlineData("10:-1e-4", "positive number")]
    public void Bad_schedules_fail_validation(string text, string message)
    {
        var config = TaskConfig.ForTask("copy") with { LrSteps = LrSchedule.Parse(text) };
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => config.Validate()).Message);
    }

    [Fact]
    public void Config_with_a_schedule_round_trips_through_json_and_stays_equal()
    {
        var config = TaskConfig.ForTask("copy") with { LrSteps = LrSchedule.Parse("7810:1e-4,11715:3e-5") };
        var json = config.ToJson();
        Assert.Contains("\"lr_steps\"", json);
        Assert.Contains("\"after_iteration\": 11715", json);
        var back = TaskConfig.FromJson(json);
        Assert.Equal(config, back);
        Assert.Equal(config.GetHashCode(), back.GetHashCode());
        Assert.NotEqual(config, back with { LrSteps = LrSchedule.Parse("7810:1e-4") });
    }

    [Fact]
    public void Lowering_the_rate_on_resume_matches_a_run_scheduled_so_from_the_start_and_is_recorded()
    {
        var root = TrainerFixtures.TempRoot();
        try
        {
            var config = TrainerFixtures.TinyCopy("stm", iterations: 8) with { CheckpointEvery = 4, EvalEvery = 0, LogEvery = 4 };

            // Scheduled from the start: iterations 5-8 at a tenth of the rate.
            var reference = new List<double>();
            using (var trainer = new TaskTrainer(config with { LrSteps = LrSchedule.Parse("4:3e-4") }))
            {
                trainer.IterationCompleted += r => reference.Add(r.Loss);
                trainer.Run();
                Assert.Equal(3e-4, trainer.Optimizer.lr, 12);
            }

            // Same run stopped at 4 and resumed with the rate lowered then.
            var run = RunDirectory.Create(root, config);
            var losses = new List<double>();
            using (var trainer = new TaskTrainer(config with { Iterations = 4 }, run))
            {
                trainer.IterationCompleted += r => losses.Add(r.Loss);
                trainer.Run();
            }

            using (var resumed = TaskTrainer.Resume(RunDirectory.Open(run.Path), c => c with { Iterations = 8 }))
            {
                resumed.SetLearningRateFromNow(3e-4);
                resumed.IterationCompleted += r => losses.Add(r.Loss);
                resumed.Run();
            }

            Assert.Equal(reference.Count, losses.Count);
            for (var i = 0; i < reference.Count; i++) Assert.Equal(reference[i], losses[i], 6);
            Assert.NotEqual(reference[5], RunWithoutSchedule(config)[5], 6);

            // config.json now holds the schedule and the extended length, and says when it was resumed.
            var saved = run.ReadConfig();
            Assert.Equal((8, "4:0.0003"), (saved.Iterations, saved.LrSteps.ToString()));
            var root2 = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(run.ConfigPath))!;
            Assert.Equal(4, (long)root2["resumes"]![0]!["at_iteration"]!);
            Assert.Single(root2["resumes"]!.AsArray());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static List<double> RunWithoutSchedule(TaskConfig config)
    {
        var losses = new List<double>();
        using var trainer = new TaskTrainer(config);
        trainer.IterationCompleted += r => losses.Add(r.Loss);
        trainer.Run();
        return losses;
    }
}
