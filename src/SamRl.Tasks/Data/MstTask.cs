namespace SamRl.Tasks.Data;

/// <summary>
/// Minimum spanning tree with random one-hot features (paper section 3.3, Table 3): given a weighted graph as edge
/// triplets, output the tree's edges in the order Kruskal's algorithm adds them (increasing weight), each as two steps
/// (its endpoints' features, the smaller feature first), then END.
/// </summary>
/// <remarks>
/// Graphs from <see cref="RandomGraph.Connected"/>, input as <see cref="GraphEncoding"/>: E edge steps, no query step.
/// Output: 2(n − 1) + 1 steps over 22 classes, never padded (a spanning tree always has n − 1 edges). Solved by
/// <see cref="Kruskal"/>; weights U[0,1) make the tree and its order unique with probability 1.
/// </remarks>
public sealed class MstTask : ITaskGenerator
{
    public MstTask(int nodes = 8, int edges = 14, string name = "mst")
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

    public int InputSteps => Edges;

    /// <summary>Two steps per tree edge, then END.</summary>
    public int OutputSteps => 2 * (Nodes - 1) + 1;

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
            for (var s = 0; s < Edges; s++) GraphEncoding.WriteEdge(inputs, batch, b, s, graph[s], features);
            PointEncoding.WriteAnswer(labels, batch, b, OutputSteps, Answer(Nodes, graph, features));
        }

        return SequenceBatch.WithStepClassTargets(batch, InputSteps, InputSize, inputs, OutputSteps, OutputSize, labels);
    }

    /// <summary>The tree's edges in Kruskal order as feature pairs (smaller first), flattened.</summary>
    public static int[] Answer(int nodes, IReadOnlyList<GraphEdge> graph, ReadOnlySpan<int> features)
    {
        var tree = Kruskal.Tree(nodes, graph);
        var answer = new int[2 * tree.Length];
        for (var i = 0; i < tree.Length; i++)
        {
            int fa = features[graph[tree[i]].A], fb = features[graph[tree[i]].B];
            answer[2 * i] = Math.Min(fa, fb);
            answer[2 * i + 1] = Math.Max(fa, fb);
        }

        return answer;
    }
}
