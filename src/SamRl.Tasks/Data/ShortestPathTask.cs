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
public sealed class ShortestPathTask : ITaskGenerator
{
    public ShortestPathTask(int nodes = 8, int edges = 14, string name = "shortest-path")
    {
        if (nodes < 2 || nodes > PointEncoding.MaxItems) throw new ArgumentOutOfRangeException(nameof(nodes), nodes, $"Graph tasks take 2..{PointEncoding.MaxItems} nodes.");
        if (edges < nodes - 1 || edges > nodes * (nodes - 1) / 2) throw new ArgumentOutOfRangeException(nameof(edges), edges, $"A connected graph on {nodes} nodes has {nodes - 1}..{nodes * (nodes - 1) / 2} edges.");
        Nodes = nodes;
        Edges = edges;
        Name = name;
    }

    public string Name { get; }

    public int Nodes { get; }

    public int Edges { get; }

    public int InputSize => GraphEncoding.InputSize;

    public int OutputSize => PointEncoding.Classes;

    public InputKind InputKind => InputKind.Dense;

    public TargetKind TargetKind => TargetKind.StepClasses;

    /// <summary>E edge steps and the query.</summary>
    public int InputSteps => Edges + 1;

    /// <summary>A path visits at most every node, then END.</summary>
    public int OutputSteps => Nodes + 1;

    public SequenceBatch Sample(int batch, Random rng)
    {
        Sampling.CheckBatch(batch);
        ArgumentNullException.ThrowIfNull(rng);
        var inputs = new float[InputSteps * batch * InputSize];
        var labels = new long[OutputSteps * batch];
        for (var b = 0; b < batch; b++)
        {
            var graph = RandomGraph.Connected(Nodes, Edges, rng);
            var features = PointEncoding.RandomFeatures(Nodes, rng);
            var source = rng.Next(Nodes);
            var target = (source + 1 + rng.Next(Nodes - 1)) % Nodes;
            for (var s = 0; s < Edges; s++) GraphEncoding.WriteEdge(inputs, batch, b, s, graph[s], features);
            GraphEncoding.WriteQuery(inputs, batch, b, Edges, source, target, features);
            PointEncoding.WriteAnswer(labels, batch, b, OutputSteps, Answer(Nodes, graph, source, target, features));
        }

        return SequenceBatch.WithStepClassTargets(batch, InputSteps, InputSize, inputs, OutputSteps, OutputSize, labels);
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
