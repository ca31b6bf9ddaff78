namespace SamRl.Tasks.Data;

/// <summary>
/// The minimum spanning tree (forest, for a disconnected graph) by Kruskal's algorithm: edges by increasing weight,
/// kept when they join two components of a union-find with path halving and union by size.
/// </summary>
public static class Kruskal
{
    /// <summary>Indices into <paramref name="edges"/> of the tree's edges in the order Kruskal adds them (increasing weight; ties by index).</summary>
    public static int[] Tree(int nodes, IReadOnlyList<GraphEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var order = Enumerable.Range(0, edges.Count).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var c = edges[a].Weight.CompareTo(edges[b].Weight);
            return c != 0 ? c : a.CompareTo(b);
        });

        var parent = Enumerable.Range(0, nodes).ToArray();
        var size = Enumerable.Repeat(1, nodes).ToArray();
        int Find(int v)
        {
            while (parent[v] != v)
            {
                parent[v] = parent[parent[v]];
                v = parent[v];
            }

            return v;
        }

        var tree = new List<int>(Math.Max(0, nodes - 1));
        foreach (var i in order)
        {
            var e = edges[i];
            if ((uint)e.A >= (uint)nodes || (uint)e.B >= (uint)nodes) throw new ArgumentException($"Edge {i} joins a node outside 0..{nodes - 1}.", nameof(edges));
            int ra = Find(e.A), rb = Find(e.B);
            if (ra == rb) continue;
            if (size[ra] < size[rb]) (ra, rb) = (rb, ra);
            parent[rb] = ra;
            size[ra] += size[rb];
            tree.Add(i);
            if (tree.Count == nodes - 1) break;
        }

        return tree.ToArray();
    }
}
