namespace SamRl.Tasks.Data;

/// <summary>
/// A task on a random connected weighted graph with random one-hot node features, given as edge triplets
/// (<see cref="GraphEncoding"/>), whose answer is a sequence of node features then END: shortest path and MST differ
/// in the solver and in whether a query step follows the edges.
/// </summary>
public abstract class GraphTask : ITaskGenerator
{
    protected GraphTask(int nodes, int edges, string name)
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

    public abstract int InputSteps { get; }

    public abstract int OutputSteps { get; }

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
            PointEncoding.WriteAnswer(labels, batch, b, OutputSteps, Complete(inputs, batch, b, graph, features, rng));
        }

        return SequenceBatch.WithStepClassTargets(batch, InputSteps, InputSize, inputs, OutputSteps, OutputSize, labels);
    }

    /// <summary>
    /// Writes whatever sequence <paramref name="b"/> needs after its edge steps (a query, drawn from
    /// <paramref name="rng"/>) and returns its answer's features.
    /// </summary>
    protected abstract int[] Complete(float[] inputs, int batch, int b, IReadOnlyList<GraphEdge> graph, ReadOnlySpan<int> features, Random rng);
}
