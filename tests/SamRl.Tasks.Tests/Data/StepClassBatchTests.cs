using SamRl.Tasks.Data;

namespace SamRl.Tasks.Tests.Data;

public class StepClassBatchTests
{
    // T_in = 1, B = 3, I = 1; T_out = 2, labels 10 t + b, with -1 padding for sequence 2's second step.
    private static SequenceBatch Batch() =>
        SequenceBatch.WithStepClassTargets(3, 1, 1, [0, 1, 2], 2, 20, [0, 1, 2, 10, 11, -1]);

    [Fact]
    public void Labels_are_time_major_per_output_step()
    {
        var batch = Batch();
        Assert.Equal(new[] { 2, 3 }, batch.TargetShape);
        Assert.Equal(11, batch.LabelAt(1, 1));
        Assert.Equal(SequenceBatch.IgnoreLabel, batch.LabelAt(1, 2));
        Assert.Equal(3, batch.TotalSteps);
    }

    [Fact]
    public void Gather_and_concat_keep_every_output_step()
    {
        var picked = Batch().Gather([2, 0]);
        Assert.Equal(new long[] { 2, 0, -1, 10 }, picked.Labels);
        Assert.Equal(new float[] { 2, 0 }, picked.Inputs);

        var joined = SequenceBatch.Concat([Batch(), Batch().Gather([1])]);
        Assert.Equal(new long[] { 0, 1, 2, 1, 10, 11, -1, 11 }, joined.Labels);
    }

    [Fact]
    public void Fixed_dataset_slices_keep_the_labels_of_their_sequences()
    {
        var task = TaskRegistry.Create("hull-5");
        var all = FixedDataset.Create(task, 40, 3).All;
        var slice = all.Gather([7]);
        for (var t = 0; t < all.OutputSteps; t++) Assert.Equal(all.LabelAt(t, 7), slice.LabelAt(t, 0));
    }

    [Fact]
    public void Labels_outside_the_classes_are_rejected_but_padding_is_not()
    {
        Assert.Throws<ArgumentException>(() => SequenceBatch.WithStepClassTargets(1, 1, 1, [0], 2, 5, [5, 0]));
        Assert.Throws<ArgumentException>(() => SequenceBatch.WithStepClassTargets(1, 1, 1, [0], 2, 5, [-2, 0]));
        Assert.Throws<ArgumentException>(() => SequenceBatch.WithStepClassTargets(1, 1, 1, [0], 2, 5, [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SequenceBatch.WithStepClassTargets(1, 1, 1, [0], 0, 5, []));
        Assert.Equal(-1, SequenceBatch.WithStepClassTargets(1, 1, 1, [0], 2, 5, [4, -1]).LabelAt(1, 0));
    }
}
