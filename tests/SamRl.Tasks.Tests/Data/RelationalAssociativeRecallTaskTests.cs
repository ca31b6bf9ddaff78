using SamRl.Tasks.Data;

namespace SamRl.Tasks.Tests.Data;

public class RelationalAssociativeRecallTaskTests
{
    [Fact]
    public void ShapesFollowTheItemCount()
    {
        var task = new RelationalAssociativeRecallTask();
        Assert.Equal(34, task.InputSize);
        Assert.Equal(32, task.OutputSize);
        var batch = task.Sample(5, 4, new Random(1));
        Assert.Equal(new[] { (3 + 1) * (4 + 1) + 1, 5, 34 }, batch.InputShape);
        Assert.Equal(new[] { 3, 5, 32 }, batch.TargetShape);

        var rng = new Random(2);
        var counts = new HashSet<int>();
        for (var i = 0; i < 100; i++)
        {
            var sample = task.Sample(1, rng);
            Assert.Equal(0, (sample.InputSteps - 1) % 4);
            counts.Add((sample.InputSteps - 1) / 4 - 1);
        }

        Assert.Equal(new[] { 2, 3, 4, 5 }, counts.Order());
    }

    [Theory]
    [InlineData(32, 3, 2, 5)]
    [InlineData(8, 2, 6, 6)]
    [InlineData(4, 1, 3, 8)]
    public void TargetIsTheFarthestOrClosestOtherItemByBruteForce(int width, int length, int minItems, int maxItems)
    {
        var task = new RelationalAssociativeRecallTask(width, length, minItems, maxItems);
        var rng = new Random(13);
        var sawFarthest = false;
        var sawClosest = false;
        for (var round = 0; round < 40; round++)
        {
            const int B = 8;
            var batch = task.Sample(B, rng);
            var items = (batch.InputSteps - 1) / (length + 1) - 1;
            for (var b = 0; b < B; b++)
            {
                var (seen, query) = Parse(batch, b, width, length, items);
                var queryIndex = Enumerable.Range(0, items).First(i => seen[i].SequenceEqual(query));
                var farthest = query[^1] == 1f;
                sawFarthest |= farthest;
                sawClosest |= !farthest;

                var expected = -1;
                var bestDistance = 0.0;
                for (var i = 0; i < items; i++)
                {
                    if (i == queryIndex) continue;
                    var distance = Math.Sqrt(seen[i].Zip(query, (x, y) => (double)(x - y) * (x - y)).Sum());
                    if (!farthest && distance == 0) continue;
                    var better = farthest ? distance > bestDistance : distance < bestDistance;
                    if (expected < 0 || better)
                    {
                        expected = i;
                        bestDistance = distance;
                    }
                }

                var target = new List<float>();
                for (var t = 0; t < length; t++)
                {
                    for (var c = 0; c < width; c++) target.Add(batch.TargetAt(t, b, c));
                }

                if (expected < 0)
                {
                    // Every other item equals the query: any of them is the answer.
                    Assert.Equal(query, target);
                }
                else
                {
                    Assert.Equal(seen[expected], target);
                }
            }
        }

        Assert.True(sawFarthest && sawClosest);
    }

    [Fact]
    public void AnyItemCanBeTheQueryIncludingTheLast()
    {
        // The authors' code never queries the last item; the paper's task does.
        var task = new RelationalAssociativeRecallTask();
        var rng = new Random(4);
        var positions = new HashSet<int>();
        for (var round = 0; round < 30; round++)
        {
            var batch = task.Sample(8, 3, rng);
            for (var b = 0; b < 8; b++)
            {
                var (seen, query) = Parse(batch, b, 32, 3, 3);
                positions.Add(Enumerable.Range(0, 3).First(i => seen[i].SequenceEqual(query)));
            }
        }

        Assert.Equal(new[] { 0, 1, 2 }, positions.Order());
    }

    [Fact]
    public void ClosestSkipsItemsEqualToTheQuery()
    {
        // One bit per item: the query bit is also the "farthest" flag, so a query of 0 asks for the
        // closest item, and any other 0 item equals the query and must be passed over.
        var task = new RelationalAssociativeRecallTask(width: 1, itemLength: 1, minItems: 4, maxItems: 4);
        var batch = task.Sample(64, new Random(9));
        var checkedSome = false;
        for (var b = 0; b < 64; b++)
        {
            var (seen, query) = Parse(batch, b, 1, 1, 4);
            if (query[0] != 0f) continue;
            var othersAllZero = seen.Count(item => item[0] == 0f) == 4;
            if (othersAllZero) continue;
            checkedSome = true;
            Assert.Equal(1f, batch.TargetAt(0, b, 0));
        }

        Assert.True(checkedSome);
    }

    [Fact]
    public void IsDeterministicGivenTheSeed() => BatchAssert.Deterministic(new RelationalAssociativeRecallTask());

    [Fact]
    public void NeedsTwoItems() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RelationalAssociativeRecallTask(minItems: 1));

    /// <summary>Reads the items and the query back from the input, checking every delimiter on the way.</summary>
    private static (List<float[]> Items, float[] Query) Parse(SequenceBatch batch, int b, int width, int length, int items)
    {
        Assert.Equal((length + 1) * (items + 1) + 1, batch.InputSteps);
        var seen = new List<float[]>();
        var step = 0;
        for (var i = 0; i < items; i++)
        {
            AssertFlagStep(batch, step++, b, width, width);
            seen.Add(ReadItem(batch, ref step, b, width, length));
        }

        AssertFlagStep(batch, step++, b, width, width + 1);
        var query = ReadItem(batch, ref step, b, width, length);
        AssertFlagStep(batch, step++, b, width, width + 1);
        Assert.Equal(batch.InputSteps, step);
        return (seen, query);
    }

    private static void AssertFlagStep(SequenceBatch batch, int t, int b, int width, int channel)
    {
        for (var c = 0; c < width + 2; c++) Assert.Equal(c == channel ? 1f : 0f, batch.InputAt(t, b, c));
    }

    private static float[] ReadItem(SequenceBatch batch, ref int step, int b, int width, int length)
    {
        var item = new List<float>();
        for (var t = 0; t < length; t++, step++)
        {
            Assert.Equal(0f, batch.InputAt(step, b, width));
            Assert.Equal(0f, batch.InputAt(step, b, width + 1));
            for (var c = 0; c < width; c++) item.Add(batch.InputAt(step, b, c));
        }

        return item.ToArray();
    }

    [Fact]
    public void LengthOfReadsTheItemCountAndRejectsOtherBatches()
    {
        IVariableLengthTask task = new RelationalAssociativeRecallTask(width: 6, itemLength: 3, minItems: 2, maxItems: 5);
        Assert.Equal(("items", 2, 5), (task.LengthName, task.MinLength, task.MaxLength));
        for (var items = 2; items <= 6; items++) Assert.Equal(items, task.LengthOf(task.Sample(3, items, new Random(items))));
        var copy = new CopyTask(width: 6).Sample(3, 4, new Random(1));
        Assert.Throws<ArgumentException>(() => task.LengthOf(copy));
    }
}
