namespace SamRl.Tasks.Data;

/// <summary>
/// The optimal (shortest closed) tour through a point set by the Held-Karp dynamic programme, O(2^n n^2): exact, and
/// fast enough for the TSP tasks' n ≤ 12.
/// </summary>
/// <remarks>
/// Output convention: the tour starts at point 0 and, of its two directions, goes first to the neighbour of point 0
/// with the smaller index. The closing return to point 0 is implied (not listed).
/// </remarks>
public static class HeldKarp
{
    /// <summary>Most points accepted: the table has 2^(n-1) × n entries.</summary>
    public const int MaxPoints = 16;

    /// <summary>Point indices of an optimal tour, canonical as in the remarks; n entries.</summary>
    public static int[] Tour(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Count;
        if (n > MaxPoints) throw new ArgumentOutOfRangeException(nameof(points), n, $"Held-Karp here takes at most {MaxPoints} points.");
        if (n <= 3) return Canonical(Enumerable.Range(0, n).ToArray());

        // Point 0 is fixed as the start; subsets are over points 1..n-1 (bit j-1 for point j).
        var m = n - 1;
        var full = (1 << m) - 1;
        var cost = new double[(1 << m) * m];
        var parent = new int[(1 << m) * m];
        Array.Fill(cost, double.PositiveInfinity);
        for (var j = 0; j < m; j++) cost[(1 << j) * m + j] = Distance(points[0], points[j + 1]);

        for (var set = 1; set <= full; set++)
        {
            for (var last = 0; last < m; last++)
            {
                if ((set & (1 << last)) == 0) continue;
                var here = cost[set * m + last];
                if (double.IsPositiveInfinity(here)) continue;
                for (var next = 0; next < m; next++)
                {
                    if ((set & (1 << next)) != 0) continue;
                    var to = set | (1 << next);
                    var c = here + Distance(points[last + 1], points[next + 1]);
                    if (c < cost[to * m + next])
                    {
                        cost[to * m + next] = c;
                        parent[to * m + next] = last;
                    }
                }
            }
        }

        var best = -1;
        var bestCost = double.PositiveInfinity;
        for (var last = 0; last < m; last++)
        {
            var c = cost[full * m + last] + Distance(points[last + 1], points[0]);
            if (c < bestCost)
            {
                bestCost = c;
                best = last;
            }
        }

        var tour = new int[n];
        var s = full;
        for (int pos = n - 1, cur = best; pos >= 1; pos--)
        {
            tour[pos] = cur + 1;
            var prev = parent[s * m + cur];
            s &= ~(1 << cur);
            cur = prev;
        }

        return Canonical(tour);
    }

    /// <summary>Length of the closed tour visiting <paramref name="tour"/> in order and returning to its first point.</summary>
    public static double Length(IReadOnlyList<(double X, double Y)> points, ReadOnlySpan<int> tour)
    {
        var total = 0.0;
        for (var i = 0; i < tour.Length; i++) total += Distance(points[tour[i]], points[tour[(i + 1) % tour.Length]]);
        return total;
    }

    public static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

    /// <summary>The same cycle from point 0, in the direction whose first step goes to the smaller-index neighbour.</summary>
    public static int[] Canonical(int[] cycle)
    {
        var n = cycle.Length;
        if (n == 0) return cycle;
        var start = Array.IndexOf(cycle, 0);
        if (start < 0) throw new ArgumentException("A tour must visit point 0.", nameof(cycle));
        var forward = new int[n];
        for (var i = 0; i < n; i++) forward[i] = cycle[(start + i) % n];
        if (n <= 2 || forward[1] < forward[n - 1]) return forward;
        var backward = new int[n];
        backward[0] = 0;
        for (var i = 1; i < n; i++) backward[i] = forward[n - i];
        return backward;
    }
}
