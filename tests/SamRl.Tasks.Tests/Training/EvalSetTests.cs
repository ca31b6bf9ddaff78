using SamRl.Tasks.Data;
using SamRl.Tasks.Training;

namespace SamRl.Tasks.Tests.Training;

/// <summary>The held-out set: every size equally often when stratified, the old draw when random, scores per size.</summary>
[Collection("torch-training")]
public sealed class EvalSetTests
{
    private static Dictionary<int, int> CountsBySize(TaskTrainer trainer)
    {
        var v = (IVariableLengthTask)trainer.Task;
        return trainer.EvalSet().GroupBy(v.LengthOf).ToDictionary(g => g.Key, g => g.Sum(b => b.BatchSize));
    }

    [Fact]
    public void Stratified_copy_set_holds_every_length_equally_often()
    {
        // 130 sequences over lengths 1-3: 43 each, and the one left over goes to a length picked at random.
        var config = TrainerFixtures.TinyCopy("lstm") with { EvalSize = 130 };
        Assert.Equal(TaskConfig.EvalLengthsStratified, config.EvalLengths);
        using var trainer = new TaskTrainer(config);
        var counts = CountsBySize(trainer);
        Assert.Equal([1, 2, 3], counts.Keys.Order());
        Assert.Equal(130, counts.Values.Sum());
        Assert.Equal(1, counts.Values.Count(c => c == 44));
        Assert.Equal(2, counts.Values.Count(c => c == 43));
        Assert.All(trainer.EvalSet(), b => Assert.InRange(b.BatchSize, 1, TaskTrainer.EvalBatch));

        // The same seed gives the same set.
        using var again = new TaskTrainer(config);
        Assert.Equal(trainer.EvalSet().Select(b => b.Inputs), again.EvalSet().Select(b => b.Inputs));
    }

    [Fact]
    public void Random_sizes_keep_the_set_an_old_config_drew()
    {
        var config = TrainerFixtures.TinyCopy("lstm") with { EvalSize = 200, EvalLengths = TaskConfig.EvalLengthsRandom };
        using var trainer = new TaskTrainer(config);
        // The draw before stratification existed: chunks of EvalChunk, each with the task's own random length.
        var rng = new Random(config.EvalSeed);
        var expected = new Dictionary<int, int>();
        for (var left = 200; left > 0; left -= TaskTrainer.EvalChunk)
        {
            var chunk = trainer.Task.Sample(Math.Min(TaskTrainer.EvalChunk, left), rng);
            expected[chunk.OutputSteps] = expected.GetValueOrDefault(chunk.OutputSteps) + chunk.BatchSize;
        }

        Assert.Equal(expected.OrderBy(kv => kv.Key), CountsBySize(trainer).OrderBy(kv => kv.Key));
    }

    [Fact]
    public void A_config_json_without_eval_lengths_reads_as_random()
    {
        Assert.Contains("\"eval_lengths\": \"stratified\"", TaskConfig.ForTask("copy", "stm").ToJson());
        Assert.Equal(TaskConfig.EvalLengthsRandom, TrainerFixtures.ReadWithout(TaskConfig.ForTask("copy", "stm"), "eval_lengths").EvalLengths);
        var e = Assert.Throws<ArgumentException>(() => (TaskConfig.ForTask("copy", "stm") with { EvalLengths = "uniform" }).Validate());
        Assert.Contains("eval lengths", e.Message);
    }

    [Fact]
    public void Evaluation_per_length_adds_up_to_the_whole()
    {
        var config = TrainerFixtures.TinyCopy("lstm") with { EvalSize = 100 };
        using var trainer = new TaskTrainer(config);
        var result = trainer.Evaluate();
        Assert.Equal("length", result.LengthName);
        Assert.Equal([1, 2, 3], result.ByLength.Select(l => l.Length));
        Assert.Equal(100, result.ByLength.Sum(l => l.Sequences));
        var metric = result.ByLength.Sum(l => l.Metric * l.Sequences) / 100;
        var loss = result.ByLength.Sum(l => l.Loss * l.Sequences) / 100;
        Assert.Equal(result.Metric, metric, 9);
        Assert.Equal(result.Loss, loss, 9);
        // An untrained model flips about half the bits, so longer sequences carry more errors.
        Assert.True(result.ByLength[2].Metric > result.ByLength[0].Metric, $"bit errors by length: {string.Join(", ", result.ByLength.Select(l => l.Metric))}");
    }

    [Fact]
    public void Fixed_size_tasks_report_no_sizes()
    {
        var config = TaskConfig.ForTask("nfar", "lstm") with { LstmHidden = 16, EvalSize = 20, Threads = 1 };
        using var trainer = new TaskTrainer(config);
        var result = trainer.Evaluate();
        Assert.Empty(result.ByLength);
        Assert.Null(result.LengthName);
        Assert.Equal(20, result.Sequences);
    }
}
