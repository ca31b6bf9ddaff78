namespace SamRl.Tasks.Data;

/// <summary>
/// Shortest path with random one-hot features (paper section 3.3, Table 3): given a weighted graph as edge triplets and
/// a (source, target) query, output the features of the nodes on the shortest path from source to target, then END.
/// </summary>
/// <remarks>
/// Graphs from <see cref="RandomGraph.Connected"/> (fixed node and edge counts, so every batch has one shape; weights
/// U[0,1), so the shortest path is unique with probability 1). Input as <see cref="GraphEncoding"/>: E edge steps, then
/// the query step. Output: n + 1 steps over 22 classes: the path's features (source and target included; at most n
/// nodes), END, then padding (-1, not scored). Solved by <see cref="Dijkstra"/>. Source and target are distinct nodes
/// drawn uniformly.
/// </remarks>
public sealed class ShortestPathTask : GraphTask
{
    public ShortestPathTask(int nodes = 8, int edges = 14, string name = "shortest-path")
        : base(nodes, edges, name)
    {
    }

    public override int InputSteps => Edges + 1;

    /// <summary>A path visits at most every node, then END.</summary>
    public override int OutputSteps => Nodes + 1;

    protected override int[] Complete(float[] inputs, int batch, int b, IReadOnlyList<GraphEdge> graph, ReadOnlySpan<int> features, Random rng)
    {
        var source = rng.Next(Nodes);
        var target = (source + 1 + rng.Next(Nodes - 1)) % Nodes;
        GraphEncoding.WriteQuery(inputs, batch, b, Edges, source, target, features);
        return Answer(Nodes, graph, source, target, features);
    }

    /// <summary>The features of the shortest path's nodes, source first.</summary>
    public static int[] Answer(int nodes, IReadOnlyList<GraphEdge> graph, int source, int target, ReadOnlySpan<int> features)
    {
        var path = Dijkstra.Path(nodes, graph, source, target);
        var answer = new int[path.Length];
        for (var i = 0; i < path.Length; i++) answer[i] = features[path[i]];
        return answer;
    }
}
