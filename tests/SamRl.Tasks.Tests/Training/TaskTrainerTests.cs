using SamRl.Tasks.Training;
using SamRl.Torch;
using SamRl.Torch.NN;
using SamRl.Torch.Serialization;
using Xunit.Abstractions;

namespace SamRl.Tasks.Tests.Training;

/// <summary>Short real training runs: the loss must fall, and resume must continue the same run exactly.</summary>
[Collection("torch-training")]
public sealed class TaskTrainerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("stm")]
    [InlineData("lstm")]
    public void Short_copy_run_drives_the_loss_down(string model)
    {
        var config = TrainerFixtures.TinyCopy(model, iterations: 300);
        using var trainer = new TaskTrainer(config);
        var losses = new List<double>();
        trainer.IterationCompleted += r => losses.Add(r.Loss);

        var result = trainer.Run();

        Assert.Equal(300, result.Iteration);
        Assert.False(result.Stopped);
        Assert.Equal(300, losses.Count);
        var first = losses.Take(20).Average();
        var final = losses.Skip(losses.Count - 50).Average();
        output.WriteLine($"{model}: first-20 mean loss {first:F4}, last-50 mean loss {final:F4}, eval {result.LastEval}, {result.WallSeconds:F1}s");
        Assert.InRange(first, 0.6, 0.75); // BCE of an untrained model is about ln 2
        Assert.True(final < 0.7 * first, $"loss fell only from {first:F4} to {final:F4}");
        Assert.NotNull(result.LastEval);
        Assert.Equal("bit_error", result.LastEval!.MetricName);
    }

    [Fact]
    public void Resumed_run_continues_with_the_same_losses_as_an_uninterrupted_run()
    {
        var root = TrainerFixtures.TempRoot();
        try
        {
            var config = TrainerFixtures.TinyCopy("stm", iterations: 12) with { CheckpointEvery = 6, EvalEvery = 6, LogEvery = 3, EvalSize = 16 };

            // Uninterrupted reference run (no folder).
            var reference = new List<double>();
            using (var trainer = new TaskTrainer(config))
            {
                trainer.IterationCompleted += r => reference.Add(r.Loss);
                trainer.Run();
            }

            // Interrupted run: stop after iteration 6 (the cancel lands between iterations), then resume.
            var run = RunDirectory.Create(root, config);
            var firstPart = new List<double>();
            using (var cts = new CancellationTokenSource())
            using (var trainer = new TaskTrainer(config, run))
            {
                trainer.IterationCompleted += r =>
                {
                    firstPart.Add(r.Loss);
                    if (r.Iteration == 6) cts.Cancel();
                };
                var stopped = trainer.Run(cts.Token);
                Assert.True(stopped.Stopped);
                Assert.Equal(6, stopped.Iteration);
            }

            Assert.Equal(6, TaskCheckpoint.ReadProgress(run.LatestCheckpointPath).Iteration);
            var secondPart = new List<double>();
            using (var resumed = TaskTrainer.Resume(RunDirectory.Open(run.Path)))
            {
                Assert.Equal(6, resumed.Iteration);
                resumed.IterationCompleted += r => secondPart.Add(r.Loss);
                var done = resumed.Run();
                Assert.Equal(12, done.Iteration);
            }

            var combined = firstPart.Concat(secondPart).ToList();
            Assert.Equal(reference.Count, combined.Count);
            for (var i = 0; i < reference.Count; i++) Assert.Equal(reference[i], combined[i], 6);

            // metrics.csv: header, rows every 3 iterations and at evaluations, no duplicates after the resume.
            var lines = File.ReadAllLines(run.MetricsPath);
            Assert.Equal(MetricsRow.Header, lines[0]);
            var rows = MetricsWriter.Read(run.MetricsPath);
            Assert.Equal([3L, 6, 9, 12], rows.Select(r => r.Iteration).ToArray());
            Assert.All(rows, r => Assert.Equal("bit_error", r.MetricName));
            Assert.NotNull(rows[1].EvalMetric);
            Assert.Null(rows[0].EvalMetric);
            Assert.True(rows[3].WallSeconds >= rows[1].WallSeconds);
            Assert.Equal(12 * config.Batch, rows[3].Sequences);

            // TensorBoard event files (one per session of the run) carry the same tags.
            var events = Directory.GetFiles(run.Path, "events.out.tfevents.*");
            Assert.Equal(2, events.Length);
            Assert.Contains("eval/bit_error", System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(events.Min()!)));

            // best.safetensors holds the model's state dict only; latest adds the optimizer state.
            Assert.DoesNotContain(SafeTensors.ReadInfo(run.BestCheckpointPath), i => i.Name.StartsWith(TaskCheckpoint.OptimizerPrefix, StringComparison.Ordinal));
            Assert.Contains(SafeTensors.ReadInfo(run.LatestCheckpointPath), i => i.Name.StartsWith(TaskCheckpoint.OptimizerPrefix, StringComparison.Ordinal));
            using (var fresh = new TaskTrainer(config))
            {
                fresh.Model.load(run.BestCheckpointPath);
            }

            Assert.Equal(config, run.ReadConfig());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Batches_depend_only_on_seed_and_iteration()
    {
        var config = TrainerFixtures.TinyCopy("lstm");
        using var a = new TaskTrainer(config);
        using var b = new TaskTrainer(config);
        using var c = new TaskTrainer(config with { Seed = 2 });
        Assert.Equal(a.BatchFor(7).Inputs, b.BatchFor(7).Inputs);
        Assert.NotEqual(a.BatchFor(7).Inputs, a.BatchFor(8).Inputs);
        Assert.NotEqual(a.BatchFor(7).Inputs, c.BatchFor(7).Inputs);
        // The held-out set does not depend on the training seed.
        Assert.Equal(a.EvalSet()[0].Inputs, c.EvalSet()[0].Inputs);
    }

    [Fact]
    public void Class_task_reports_accuracy_and_trains_on_a_fixed_set_in_epochs()
    {
        var config = TaskConfig.ForTask("assoc-retrieval-30", "lstm") with
        {
            Iterations = 6,
            Batch = 16,
            TrainSetSize = 48,
            EmbeddingSize = 8,
            LstmHidden = 16,
            EvalEvery = 3,
            EvalSize = 20,
            LogEvery = 3,
        };
        using var trainer = new TaskTrainer(config);
        Assert.Equal("accuracy", trainer.MetricName);
        // Epoch 0 is iterations 1-3: together they use every sequence of the set once.
        var labels = Enumerable.Range(1, 3).SelectMany(i => trainer.BatchFor(i).Tokens!).ToList();
        Assert.Equal(48 * 31, labels.Count);
        var evals = new List<EvalResult>();
        trainer.Evaluated += evals.Add;
        var result = trainer.Run();
        Assert.Equal(2, evals.Count);
        Assert.All(evals, e => Assert.InRange(e.Metric, 0, 1));
        Assert.Equal(20, evals[0].Sequences);
        Assert.Equal(6, result.Iteration);
    }

    [Fact]
    public void Iterations_do_not_leak_tensors()
    {
        var config = TrainerFixtures.TinyCopy("stm", iterations: 3) with { EvalEvery = 2, EvalSize = 8 };
        using var trainer = new TaskTrainer(config);
        trainer.TrainStep();
        trainer.Evaluate();
        // Finalize what earlier tests dropped, so only this test can move the count.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var live = torch.LiveTensors;
        trainer.TrainStep();
        trainer.TrainStep();
        trainer.Evaluate();
        Assert.Equal(live, torch.LiveTensors);
    }
}
