namespace SamRl.Tasks.Data;

/// <summary>
/// Shortest paths by Dijkstra's algorithm with a linear scan for the nearest unsettled node, O(V²): the simplest exact
/// form, and the fastest for the task's dense small graphs. Weights must be non-negative.
/// </summary>
public static class Dijkstra
{
    /// <summary>
    /// The nodes of a shortest path from <paramref name="source"/> to <paramref name="target"/>, both included; empty when
    /// the target cannot be reached. Among equal-length paths (measure zero with continuous weights) the one found first.
    /// </summary>
    public static int[] Path(int nodes, IReadOnlyList<GraphEdge> edges, int source, int target)
    {
        ArgumentNullException.ThrowIfNull(edges);
        if ((uint)source >= (uint)nodes || (uint)target >= (uint)nodes) throw new ArgumentOutOfRangeException(nameof(source), "Source and target must be nodes of the graph.");
        var distance = new double[nodes];
        var previous = new int[nodes];
        var settled = new bool[nodes];
        Array.Fill(distance, double.PositiveInfinity);
        Array.Fill(previous, -1);
        distance[source] = 0;
        for (var round = 0; round < nodes; round++)
        {
            var u = -1;
            for (var v = 0; v < nodes; v++)
            {
                if (!settled[v] && !double.IsPositiveInfinity(distance[v]) && (u < 0 || distance[v] < distance[u])) u = v;
            }

            if (u < 0 || u == target) break;
            settled[u] = true;
            foreach (var e in edges)
            {
                if (e.Weight < 0) throw new ArgumentException("Dijkstra needs non-negative weights.", nameof(edges));
                if (e.A != u && e.B != u) continue;
                var w = e.Other(u);
                if (settled[w] || distance[u] + e.Weight >= distance[w]) continue;
                distance[w] = distance[u] + e.Weight;
                previous[w] = u;
            }
        }

        if (double.IsPositiveInfinity(distance[target])) return [];
        var path = new List<int>();
        for (var v = target; v >= 0; v = previous[v]) path.Add(v);
        path.Reverse();
        return path.ToArray();
    }

    /// <summary>Sum of the weights along <paramref name="path"/> (the lightest edge between each consecutive pair).</summary>
    public static double Length(IReadOnlyList<GraphEdge> edges, ReadOnlySpan<int> path)
    {
        var total = 0.0;
        for (var i = 0; i + 1 < path.Length; i++)
        {
            var best = double.PositiveInfinity;
            foreach (var e in edges)
            {
                if ((e.A == path[i] && e.B == path[i + 1]) || (e.B == path[i] && e.A == path[i + 1])) best = Math.Min(best, e.Weight);
            }

            total += best;
        }

        return total;
    }
}
