using SamRl.Tasks.Data;
using SamRl.Tasks.Metrics;
using SamRl.Tasks.Training;
using SamRl.Torch;

namespace SamRl.Tasks.Tests.Metrics;

public class StepAccuracyTests
{
    // T_out = 2, B = 2, 3 classes. Argmax per step: (t0,b0) 2, (t0,b1) 0, (t1,b0) 1, (t1,b1) 0.
    private static readonly float[] Logits = [0f, 1f, 3f, 2f, 0f, -1f, 0f, 4f, 1f, 1f, 1f, 1f];

    [Fact]
    public void Padding_steps_are_not_counted()
    {
        Assert.Equal(1.0, StepAccuracy.FromLogits(Logits, [2, 0, 1, -1], 3));
        Assert.Equal(2.0 / 3, StepAccuracy.FromLogits(Logits, [2, 1, 1, -1], 3), 12);
        Assert.Equal(0.5, StepAccuracy.FromLogits(Logits, [2, 1, 1, 2], 3), 12);
        Assert.True(double.IsNaN(StepAccuracy.FromLogits(Logits, [-1, -1, -1, -1], 3)));
        Assert.Equal(new long[] { 2, 0, 1, 0 }, StepAccuracy.Predictions(Logits, 4, 3));
    }

    [Fact]
    public void Loss_is_the_mean_cross_entropy_over_the_steps_that_are_not_padding()
    {
        long[] labels = [2, 1, 1, -1];
        var batch = SequenceBatch.WithStepClassTargets(2, 1, 1, [0, 0], 2, 3, labels);
        double expected = 0;
        for (var i = 0; i < 3; i++)
        {
            var row = Logits.AsSpan(i * 3, 3).ToArray().Select(v => (double)v).ToArray();
            var logSum = Math.Log(row.Sum(Math.Exp));
            expected += logSum - row[labels[i]];
        }

        expected /= 3;
        using var scope = torch.NewDisposeScope();
        var loss = TaskTrainer.StepClassLoss(torch.tensor(Logits, 2, 2, 3), batch, Device.CPU).item();
        Assert.Equal(expected, loss, 5);

        // The padded step's logits do not matter.
        var changed = (float[])Logits.Clone();
        changed[9] = 50f;
        Assert.Equal(loss, TaskTrainer.StepClassLoss(torch.tensor(changed, 2, 2, 3), batch, Device.CPU).item(), 6);
    }
}
