using SamRl.Tasks.Data;

namespace SamRl.Tasks.Tests.Data;

public class NthFarthestTaskTests
{
    [Fact]
    public void DefaultsFollowTheReference()
    {
        var task = new NthFarthestTask();
        Assert.Equal(40, task.InputSize);
        Assert.Equal(8, task.OutputSize);
        var batch = task.Sample(3, new Random(1));
        Assert.Equal(TargetKind.Class, batch.TargetKind);
        Assert.Equal(new[] { 8, 3, 40 }, batch.InputShape);
        Assert.Equal(new[] { 3 }, batch.TargetShape);
        Assert.Equal(0, batch.OutputSteps);
        Assert.Null(batch.Targets);
    }

    [Theory]
    [InlineData(8, 16)]
    [InlineData(5, 3)]
    public void LabelIsTheNPlusOneThFarthestFromMByBruteForce(int n, int dims)
    {
        var task = new NthFarthestTask(n, dims);
        const int B = 200;
        var batch = task.Sample(B, new Random(21));
        var askedN = new HashSet<int>();
        for (var b = 0; b < B; b++)
        {
            var vectors = new double[n][];
            var labels = new int[n];
            int? nth = null;
            int? m = null;
            for (var t = 0; t < n; t++)
            {
                vectors[t] = Enumerable.Range(0, dims).Select(d => (double)batch.InputAt(t, b, d)).ToArray();
                Assert.All(vectors[t], v => Assert.InRange(v, -1.0, 1.0));
                labels[t] = OneHot(batch, t, b, dims, n);
                var stepN = OneHot(batch, t, b, dims + n, n);
                var stepM = OneHot(batch, t, b, dims + 2 * n, n);
                Assert.Equal(nth ??= stepN, stepN);
                Assert.Equal(m ??= stepM, stepM);
            }

            Assert.Equal(Enumerable.Range(0, n), labels.Order());
            askedN.Add(nth!.Value);

            var anchor = Array.IndexOf(labels, m!.Value);
            var byDistance = new List<(double Distance, int Label)>();
            for (var i = 0; i < n; i++)
            {
                var sum = 0.0;
                for (var d = 0; d < dims; d++) sum += (vectors[i][d] - vectors[anchor][d]) * (vectors[i][d] - vectors[anchor][d]);
                byDistance.Add((Math.Sqrt(sum), labels[i]));
            }

            // Plain selection sort, farthest first.
            for (var i = 0; i < n; i++)
            {
                var best = i;
                for (var j = i + 1; j < n; j++)
                {
                    if (byDistance[j].Distance > byDistance[best].Distance) best = j;
                }

                (byDistance[i], byDistance[best]) = (byDistance[best], byDistance[i]);
            }

            Assert.Equal(byDistance[nth.Value].Label, batch.Labels![b]);
        }

        Assert.Equal(n, askedN.Count);
    }

    [Fact]
    public void IsDeterministicGivenTheSeed() => BatchAssert.Deterministic(new NthFarthestTask());

    private static int OneHot(SequenceBatch batch, int t, int b, int offset, int size)
    {
        var values = Enumerable.Range(0, size).Select(k => batch.InputAt(t, b, offset + k)).ToArray();
        Assert.Equal(1f, values.Sum());
        Assert.All(values, v => Assert.True(v is 0f or 1f));
        return Array.IndexOf(values, 1f);
    }
}
