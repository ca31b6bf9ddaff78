namespace SamRl.Tasks.Data;

/// <summary>
/// Convex hull with random one-hot features (paper section 3.3, Table 3): given n points in the unit square, output the
/// features of the hull's vertices in order, then END.
/// </summary>
/// <remarks>
/// Input as <see cref="PointEncoding"/> (n + 1 steps of 24). Output: n + 1 steps over 22 classes: the vertices as
/// <see cref="ConvexHull"/> orders them (counter-clockwise from the vertex with the smallest input index, collinear
/// points excluded), then <see cref="PointEncoding.End"/>, then padding (-1, not scored) when the hull has fewer than n
/// vertices. The authors read Pointer-Net files where the hull repeats its first point and replace that repeat with END;
/// this is the same answer without the files.
/// </remarks>
public sealed class ConvexHullTask : PointSolutionTask
{
    public ConvexHullTask(int points, string name)
        : base(CheckedPoints(points), name)
    {
    }

    private static int CheckedPoints(int points)
    {
        if (points < 3 || points > PointEncoding.MaxItems)
            throw new ArgumentOutOfRangeException(nameof(points), points, $"Convex hull takes 3..{PointEncoding.MaxItems} points.");
        return points;
    }

    /// <summary>The features of the hull vertices in answer order.</summary>
    public static int[] Answer(IReadOnlyList<(double X, double Y)> points, ReadOnlySpan<int> features) =>
        FeaturesOf(ConvexHull.Vertices(points), features);

    protected override int[] Solve(IReadOnlyList<(double X, double Y)> points) => ConvexHull.Vertices(points);
}
