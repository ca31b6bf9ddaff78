using SamRl.Tasks.Data;

namespace SamRl.Tasks.Tests.Data;

public class ConvexHullTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(20)]
    public void Vertices_are_the_points_outside_every_triangle_of_the_others_counter_clockwise_from_the_smallest_index(int n)
    {
        var rng = new Random(n);
        for (var trial = 0; trial < 200; trial++)
        {
            var points = Enumerable.Range(0, n).Select(_ => (rng.NextDouble(), rng.NextDouble())).ToArray();
            var hull = ConvexHull.Vertices(points);

            Assert.Equal(BruteForceVertices(points), hull.Order().ToArray());
            Assert.Equal(hull.Min(), hull[0]);
            for (var i = 0; i < hull.Length; i++)
            {
                var turn = ConvexHull.Cross(points[hull[i]], points[hull[(i + 1) % hull.Length]], points[hull[(i + 2) % hull.Length]]);
                Assert.True(turn > 0, $"trial {trial}: vertices {i}..{i + 2} do not turn counter-clockwise");
            }
        }
    }

    [Fact]
    public void Collinear_points_on_an_edge_are_not_vertices()
    {
        // A square with a midpoint on its bottom edge and one inside.
        (double, double)[] points = [(0.5, 0), (1, 1), (0, 0), (0.5, 0.5), (1, 0), (0, 1)];
        Assert.Equal(new[] { 1, 5, 2, 4 }, ConvexHull.Vertices(points));
    }

    [Fact]
    public void Duplicate_points_count_once()
    {
        (double, double)[] points = [(0, 0), (1, 0), (0, 1), (1, 0)];
        Assert.Equal(new[] { 0, 1, 2 }, ConvexHull.Vertices(points));
    }

    // A point is a vertex iff it lies in no closed triangle of three other points (general position).
    private static int[] BruteForceVertices((double X, double Y)[] p) =>
        Enumerable.Range(0, p.Length).Where(v => !InsideSomeTriangle(p, v)).ToArray();

    private static bool InsideSomeTriangle((double X, double Y)[] p, int v)
    {
        var n = p.Length;
        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                for (var c = b + 1; c < n; c++)
                {
                    if (v == a || v == b || v == c) continue;
                    var d1 = ConvexHull.Cross(p[a], p[b], p[v]);
                    var d2 = ConvexHull.Cross(p[b], p[c], p[v]);
                    var d3 = ConvexHull.Cross(p[c], p[a], p[v]);
                    if ((d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0)) return true;
                }
            }
        }

        return false;
    }
}
