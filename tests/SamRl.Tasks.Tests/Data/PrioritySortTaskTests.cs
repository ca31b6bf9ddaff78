using SamRl.Tasks.Data;

namespace SamRl.Tasks.Tests.Data;

public class PrioritySortTaskTests
{
    [Fact]
    public void DefaultsFollowTheReference()
    {
        var task = new PrioritySortTask();
        var batch = task.Sample(4, new Random(1));
        Assert.Equal(new[] { 20, 4, 34 }, batch.InputShape);
        Assert.Equal(new[] { 16, 4, 32 }, batch.TargetShape);
        Assert.Equal(16, batch.OutputSteps);
        Assert.Equal(TargetKind.Bits, batch.TargetKind);
    }

    [Theory]
    [InlineData(32, 20, 16)]
    [InlineData(5, 7, 3)]
    public void TargetsAreTheTopInputsInDescendingPriority(int width, int inputs, int outputs)
    {
        var task = new PrioritySortTask(width, inputs, outputs);
        const int B = 6;
        var batch = task.Sample(B, new Random(11));
        for (var b = 0; b < B; b++)
        {
            var rows = new List<(float Priority, float[] Bits)>();
            for (var t = 0; t < inputs; t++)
            {
                var priority = batch.InputAt(t, b, width);
                Assert.InRange(priority, -1f, 1f);
                Assert.NotEqual(1f, priority);
                Assert.Equal(0f, batch.InputAt(t, b, width + 1));
                rows.Add((priority, Enumerable.Range(0, width).Select(c => batch.InputAt(t, b, c)).ToArray()));
            }

            // Match each output to an unused input with the same bits (the highest-priority one, since
            // narrow widths repeat bit patterns), then check the priorities.
            var used = new bool[inputs];
            var chosen = new List<float>();
            for (var k = 0; k < outputs; k++)
            {
                var output = Enumerable.Range(0, width).Select(c => batch.TargetAt(k, b, c)).ToArray();
                var match = Enumerable.Range(0, inputs)
                    .Where(j => !used[j] && rows[j].Bits.SequenceEqual(output))
                    .MaxBy(j => rows[j].Priority);
                used[match] = true;
                chosen.Add(rows[match].Priority);
            }

            for (var k = 1; k < outputs; k++) Assert.True(chosen[k - 1] >= chosen[k]);
            for (var j = 0; j < inputs; j++)
            {
                if (!used[j]) Assert.True(rows[j].Priority <= chosen[^1]);
            }

            var expected = rows.OrderByDescending(r => r.Priority).Take(outputs).ToList();
            for (var k = 0; k < outputs; k++)
            {
                for (var c = 0; c < width; c++) Assert.Equal(expected[k].Bits[c], batch.TargetAt(k, b, c));
            }
        }
    }

    [Fact]
    public void IsDeterministicGivenTheSeed() => BatchAssert.Deterministic(new PrioritySortTask());

    [Fact]
    public void RejectsMoreOutputsThanInputs() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PrioritySortTask(inputLength: 4, outputLength: 5));
}
