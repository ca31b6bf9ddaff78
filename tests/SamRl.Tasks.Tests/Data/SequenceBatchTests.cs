using SamRl.Tasks.Data;

namespace SamRl.Tasks.Tests.Data;

public class SequenceBatchTests
{
    // T_in = 2, B = 3, I = 2; value = 100 t + 10 b + c so every cell says where it is.
    private static SequenceBatch Dense() =>
        SequenceBatch.WithBitTargets(
            3, 2, 2,
            [0, 1, 10, 11, 20, 21, 100, 101, 110, 111, 120, 121],
            1, 1,
            [0, 1, 0]);

    [Fact]
    public void IndexersAreTimeMajor()
    {
        var batch = Dense();
        Assert.Equal(121f, batch.InputAt(1, 2, 1));
        Assert.Equal(10f, batch.InputAt(0, 1, 0));
        Assert.Equal(1f, batch.TargetAt(0, 1, 0));
        Assert.Equal(3, batch.TotalSteps);
        Assert.Equal(new[] { 2, 3, 2 }, batch.InputShape);
        Assert.Equal(new[] { 1, 3, 1 }, batch.TargetShape);
    }

    [Fact]
    public void GatherPicksSequencesInOrder()
    {
        var picked = Dense().Gather([2, 0, 2]);
        Assert.Equal(new float[] { 20, 21, 0, 1, 20, 21, 120, 121, 100, 101, 120, 121 }, picked.Inputs);
        Assert.Equal(new float[] { 0, 0, 0 }, picked.Targets);
        Assert.Throws<ArgumentOutOfRangeException>(() => Dense().Gather([3]));
    }

    [Fact]
    public void ConcatJoinsAlongTheBatch()
    {
        var a = SequenceBatch.TokensWithClassTargets(1, 2, 5, [1, 2], 3, [0]);
        var b = SequenceBatch.TokensWithClassTargets(2, 2, 5, [3, 4, 0, 1], 3, [1, 2]);
        var joined = SequenceBatch.Concat([a, b]);
        Assert.Equal(new long[] { 1, 3, 4, 2, 0, 1 }, joined.Tokens);
        Assert.Equal(new long[] { 0, 1, 2 }, joined.Labels);

        var longer = SequenceBatch.TokensWithClassTargets(1, 3, 5, [1, 2, 3], 3, [0]);
        Assert.Throws<ArgumentException>(() => SequenceBatch.Concat([a, longer]));
    }

    [Fact]
    public void RejectsInconsistentArrays()
    {
        Assert.Throws<ArgumentException>(() => SequenceBatch.WithClassTargets(2, 1, 2, new float[3], 4, [0, 1]));
        Assert.Throws<ArgumentException>(() => SequenceBatch.WithClassTargets(2, 1, 2, new float[4], 4, [0, 4]));
        Assert.Throws<ArgumentException>(() => SequenceBatch.TokensWithClassTargets(1, 1, 5, [5], 2, [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SequenceBatch.WithBitTargets(1, 1, 1, [0], 0, 1, []));
        Assert.Throws<InvalidOperationException>(() => SequenceBatch.TokensWithClassTargets(1, 1, 5, [1], 2, [0]).InputAt(0, 0, 0));
    }
}
