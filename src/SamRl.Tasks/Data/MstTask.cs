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
public sealed class MstTask : GraphTask
{
    public MstTask(int nodes = 8, int edges = 14, string name = "mst")
        : base(nodes, edges, name)
    {
    }

    public override int InputSteps => Edges;

    /// <summary>Two steps per tree edge, then END.</summary>
    public override int OutputSteps => 2 * (Nodes - 1) + 1;

    protected override int[] Complete(float[] inputs, int batch, int b, IReadOnlyList<GraphEdge> graph, ReadOnlySpan<int> features, Random rng) =>
        Answer(Nodes, graph, features);

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
