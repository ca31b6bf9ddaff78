using SamRl.Tasks.Data;

namespace SamRl.Tasks.Tests.Data;

public class CopyTaskTests
{
    [Fact]
    public void DefaultsFollowTheReference()
    {
        var task = new CopyTask();
        Assert.Equal(34, task.InputSize);
        Assert.Equal(32, task.OutputSize);
        Assert.Equal(TargetKind.Bits, task.TargetKind);
        Assert.Equal(InputKind.Dense, task.InputKind);

        var batch = task.Sample(8, new Random(1));
        var length = batch.OutputSteps;
        Assert.InRange(length, 1, 20);
        Assert.Equal(new[] { length + 2, 8, 34 }, batch.InputShape);
        Assert.Equal(new[] { length, 8, 32 }, batch.TargetShape);
        Assert.Equal(batch.InputSteps * 8 * 34, batch.Inputs!.Length);
        Assert.Null(batch.Labels);
    }

    [Fact]
    public void FlagsFrameTheBitsAndTheTargetIsTheBitSection()
    {
        var task = new CopyTask(width: 6, minLength: 2, maxLength: 9);
        for (var seed = 0; seed < 20; seed++)
        {
            var batch = task.Sample(5, new Random(seed));
            var length = batch.OutputSteps;
            Assert.Equal(length + 2, batch.InputSteps);
            for (var b = 0; b < 5; b++)
            {
                for (var c = 0; c < 8; c++)
                {
                    Assert.Equal(c == 6 ? 1f : 0f, batch.InputAt(0, b, c));
                    Assert.Equal(c == 7 ? 1f : 0f, batch.InputAt(length + 1, b, c));
                }

                for (var t = 0; t < length; t++)
                {
                    Assert.Equal(0f, batch.InputAt(t + 1, b, 6));
                    Assert.Equal(0f, batch.InputAt(t + 1, b, 7));
                    for (var c = 0; c < 6; c++)
                    {
                        var bit = batch.InputAt(t + 1, b, c);
                        Assert.True(bit is 0f or 1f);
                        Assert.Equal(bit, batch.TargetAt(t, b, c));
                    }
                }
            }
        }
    }

    [Fact]
    public void LengthIsDrawnOncePerBatchOverTheWholeRange()
    {
        var task = new CopyTask(width: 2, minLength: 3, maxLength: 6);
        var rng = new Random(3);
        var seen = new HashSet<int>();
        for (var i = 0; i < 200; i++) seen.Add(task.Sample(2, rng).OutputSteps);
        Assert.Equal(new[] { 3, 4, 5, 6 }, seen.Order());
    }

    [Fact]
    public void BitsAreFairCoins()
    {
        var batch = new CopyTask().Sample(64, 20, new Random(5));
        var ones = batch.Targets!.Sum();
        Assert.InRange(ones / batch.Targets!.Length, 0.47, 0.53);
    }

    [Fact]
    public void IsDeterministicGivenTheSeed() => BatchAssert.Deterministic(new CopyTask());

    [Fact]
    public void RejectsBadOptions()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CopyTask(minLength: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CopyTask(minLength: 5, maxLength: 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CopyTask().Sample(0, new Random(1)));
    }

    [Fact]
    public void LengthOfReadsTheLengthABatchWasDrawnWith()
    {
        IVariableLengthTask task = new CopyTask(width: 4, minLength: 2, maxLength: 7);
        Assert.Equal(("length", 2, 7), (task.LengthName, task.MinLength, task.MaxLength));
        for (var length = 1; length <= 9; length++) Assert.Equal(length, task.LengthOf(task.Sample(3, length, new Random(length))));
    }
}
