namespace SamRl.Tasks.Data;

/// <summary>
/// The convex hull of a point set by Andrew's monotone chain, O(n log n).
/// </summary>
/// <remarks>
/// Output convention (what the hull tasks teach): the hull's vertices counter-clockwise, starting at the vertex with
/// the smallest input index (the Pointer-Net files also start from the first listed point on the hull). Points on an
/// edge between two vertices (collinear) are not vertices. Duplicate points count once (the first index).
/// </remarks>
public static class ConvexHull
{
    /// <summary>Input indices of the hull vertices, counter-clockwise from the smallest index.</summary>
    public static int[] Vertices(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Count;
        if (n == 0) return [];
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var c = points[a].X.CompareTo(points[b].X);
            if (c != 0) return c;
            c = points[a].Y.CompareTo(points[b].Y);
            return c != 0 ? c : a.CompareTo(b);
        });

        // Drop exact duplicates (keeping the first index, which sorts first) so the chain never sees a zero-length edge.
        var unique = new List<int>(n);
        foreach (var i in order)
        {
            if (unique.Count > 0 && points[unique[^1]] == points[i]) continue;
            unique.Add(i);
        }

        if (unique.Count < 3) return Rotate(unique.ToArray());

        // Lower chain left to right, then upper chain right to left; a turn that is not strictly left is popped,
        // which is what removes collinear points.
        var hull = new int[2 * unique.Count];
        var k = 0;
        foreach (var i in unique)
        {
            while (k >= 2 && Cross(points[hull[k - 2]], points[hull[k - 1]], points[i]) <= 0) k--;
            hull[k++] = i;
        }

        for (int j = unique.Count - 2, lower = k + 1; j >= 0; j--)
        {
            var i = unique[j];
            while (k >= lower && Cross(points[hull[k - 2]], points[hull[k - 1]], points[i]) <= 0) k--;
            hull[k++] = i;
        }

        // The last point repeats the first.
        return Rotate(hull[..(k - 1)]);
    }

    /// <summary>(b - a) × (c - a): positive when a, b, c turn counter-clockwise.</summary>
    public static double Cross((double X, double Y) a, (double X, double Y) b, (double X, double Y) c) =>
        (b.X - a.X) * (c.Y - a.Y) - (b.Y - a.Y) * (c.X - a.X);

    private static int[] Rotate(int[] cycle)
    {
        if (cycle.Length == 0) return cycle;
        var start = Array.IndexOf(cycle, cycle.Min());
        return [.. cycle[start..], .. cycle[..start]];
    }
}
