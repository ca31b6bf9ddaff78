namespace SamRl.Tasks.Data;

/// <summary>
/// Input layout of the graph tasks: one step per edge, the paper's triplet (node1 feature, node2 feature, weight), then
/// for shortest path one query step.
/// </summary>
/// <remarks>
/// A step has 2 × 22 + 2 = 46 channels: the one-hot feature of one endpoint (channels 0..21, feature f at channel f),
/// the other endpoint's (22..43), the weight (44, U[0,1)), and the query flag (45). Features are a random permutation of
/// 1..n over the nodes, the same class space as <see cref="PointEncoding"/> (END = 21 is never a feature). Edges come in
/// random order and each edge's endpoints in random order. The query step holds the source's feature in the first
/// block, the target's in the second, weight 0 and the query flag 1.
/// </remarks>
public static class GraphEncoding
{
    public const int InputSize = 2 * PointEncoding.Classes + 2;

    public const int WeightChannel = 2 * PointEncoding.Classes;

    public const int QueryFlagChannel = WeightChannel + 1;

    /// <summary>Writes edge step <paramref name="step"/> of sequence <paramref name="b"/>.</summary>
    public static void WriteEdge(float[] inputs, int batch, int b, int step, GraphEdge edge, ReadOnlySpan<int> features)
    {
        var at = (step * batch + b) * InputSize;
        inputs[at + features[edge.A]] = 1f;
        inputs[at + PointEncoding.Classes + features[edge.B]] = 1f;
        inputs[at + WeightChannel] = (float)edge.Weight;
    }

    /// <summary>Writes the shortest-path query step.</summary>
    public static void WriteQuery(float[] inputs, int batch, int b, int step, int source, int target, ReadOnlySpan<int> features)
    {
        var at = (step * batch + b) * InputSize;
        inputs[at + features[source]] = 1f;
        inputs[at + PointEncoding.Classes + features[target]] = 1f;
        inputs[at + QueryFlagChannel] = 1f;
    }

    /// <summary>
    /// Reads the first <paramref name="edgeSteps"/> steps of sequence <paramref name="b"/> back as a graph whose node ids
    /// are feature − 1 (so the features are 1..n in node order).
    /// </summary>
    public static GraphEdge[] DecodeEdges(SequenceBatch batch, int b, int edgeSteps)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var edges = new GraphEdge[edgeSteps];
        for (var s = 0; s < edgeSteps; s++)
        {
            var (first, second) = DecodePair(batch, b, s);
            edges[s] = new GraphEdge(first - 1, second - 1, batch.InputAt(s, b, WeightChannel));
        }

        return edges;
    }

    /// <summary>The two features (1-based) a step names.</summary>
    public static (int First, int Second) DecodePair(SequenceBatch batch, int b, int step)
    {
        int first = 0, second = 0;
        for (var f = 1; f <= PointEncoding.MaxItems; f++)
        {
            if (batch.InputAt(step, b, f) == 1f) first = f;
            if (batch.InputAt(step, b, PointEncoding.Classes + f) == 1f) second = f;
        }

        return (first, second);
    }
}
