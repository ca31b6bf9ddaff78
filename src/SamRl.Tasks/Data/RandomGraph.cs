namespace SamRl.Tasks.Data;

/// <summary>Random connected graphs for the graph tasks.</summary>
public static class RandomGraph
{
    /// <summary>
    /// A connected simple graph on <paramref name="nodes"/> nodes with exactly <paramref name="edges"/> edges and weights
    /// U[0,1): a random recursive spanning tree (each node, in a random order, joins a uniformly chosen earlier node), then
    /// distinct extra edges drawn uniformly from the missing pairs. The edge list comes out shuffled, endpoints in
    /// random order.
    /// </summary>
    public static GraphEdge[] Connected(int nodes, int edges, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (nodes < 2) throw new ArgumentOutOfRangeException(nameof(nodes), nodes, "A graph task needs at least 2 nodes.");
        if (edges < nodes - 1 || edges > nodes * (nodes - 1) / 2)
            throw new ArgumentOutOfRangeException(nameof(edges), edges, $"A connected simple graph on {nodes} nodes has {nodes - 1}..{nodes * (nodes - 1) / 2} edges.");

        var present = new bool[nodes, nodes];
        var pairs = new List<(int A, int B)>(edges);
        void Add(int a, int b)
        {
            present[a, b] = present[b, a] = true;
            pairs.Add(rng.Next(2) == 0 ? (a, b) : (b, a));
        }

        var order = Sampling.Permutation(rng, nodes);
        for (var i = 1; i < nodes; i++) Add(order[i], order[rng.Next(i)]);

        var missing = new List<(int, int)>();
        for (var a = 0; a < nodes; a++)
        {
            for (var b = a + 1; b < nodes; b++)
            {
                if (!present[a, b]) missing.Add((a, b));
            }
        }

        var pick = Sampling.Permutation(rng, missing.Count);
        for (var i = 0; pairs.Count < edges; i++) Add(missing[pick[i]].Item1, missing[pick[i]].Item2);

        var shuffle = Sampling.Permutation(rng, pairs.Count);
        var result = new GraphEdge[pairs.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var (a, b) = pairs[shuffle[i]];
            result[i] = new GraphEdge(a, b, Sampling.Uniform(rng, 0f, 1f));
        }

        return result;
    }
}
