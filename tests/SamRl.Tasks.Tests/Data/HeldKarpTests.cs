using SamRl.Tasks.Data;

namespace SamRl.Tasks.Tests.Data;

public class HeldKarpTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(8)]
    public void Tour_is_as_short_as_the_best_of_all_permutations_and_canonical(int n)
    {
        var rng = new Random(100 + n);
        var trials = n == 8 ? 10 : 60;
        for (var trial = 0; trial < trials; trial++)
        {
            var points = Enumerable.Range(0, n).Select(_ => (rng.NextDouble(), rng.NextDouble())).ToArray();
            var tour = HeldKarp.Tour(points);

            Assert.Equal(Enumerable.Range(0, n), tour.Order());
            Assert.Equal(0, tour[0]);
            Assert.True(tour[1] < tour[^1], "the tour should leave point 0 towards its smaller-index neighbour");
            var (bestLength, bestTour) = BruteForce(points);
            Assert.Equal(bestLength, HeldKarp.Length(points, tour), 9);
            Assert.Equal(bestTour, tour);
        }
    }

    [Fact]
    public void Canonical_turns_and_rotates_a_cycle()
    {
        Assert.Equal(new[] { 0, 1, 3, 2 }, HeldKarp.Canonical([3, 2, 0, 1]));
        Assert.Equal(new[] { 0, 1, 3, 2 }, HeldKarp.Canonical([1, 0, 2, 3]));
    }

    // Every permutation fixing point 0 first; the best one made canonical.
    private static (double Length, int[] Tour) BruteForce((double X, double Y)[] points)
    {
        var best = double.PositiveInfinity;
        int[] bestTour = [];
        var rest = Enumerable.Range(1, points.Length - 1).ToArray();
        foreach (var perm in Permutations(rest))
        {
            int[] tour = [0, .. perm];
            var length = HeldKarp.Length(points, tour);
            if (length < best - 1e-12)
            {
                best = length;
                bestTour = tour;
            }
        }

        return (best, HeldKarp.Canonical(bestTour));
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var others = items.Where((_, j) => j != i).ToArray();
            foreach (var tail in Permutations(others)) yield return [items[i], .. tail];
        }
    }
}
