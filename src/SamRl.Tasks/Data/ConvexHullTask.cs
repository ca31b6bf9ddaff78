namespace SamRl.Tasks.Data;

/// <summary>
/// Convex hull with random one-hot features (paper section 3.3, Table 3): given n points in the unit square, output the
/// features of the hull's vertices in order, then END.
/// </summary>
/// <remarks>
/// Input as <see cref="PointEncoding"/> (n + 1 steps of 24). Output: n + 1 steps over 22 classes: the vertices as
/// <see cref="ConvexHull"/> orders them (counter-clockwise from the vertex with the smallest input index, collinear
/// points excluded), then <see cref="PointEncoding.End"/>, then padding (-1, not scored) when the hull has fewer than n
/// vertices. The authors read Pointer-Net files where the hull repeats its first point and replace that repeat with END;
/// this is the same answer without the files.
/// </remarks>
public sealed class ConvexHullTask : ITaskGenerator
{
    public ConvexHullTask(int points, string name)
    {
        if (points < 3 || points > PointEncoding.MaxItems)
            throw new ArgumentOutOfRangeException(nameof(points), points, $"Convex hull takes 3..{PointEncoding.MaxItems} points.");
        Points = points;
        Name = name;
    }

    public string Name { get; }

    public int Points { get; }

    public int InputSize => PointEncoding.InputSize;

    public int OutputSize => PointEncoding.Classes;

    public InputKind InputKind => InputKind.Dense;

    public TargetKind TargetKind => TargetKind.StepClasses;

    /// <summary>Every point may be a vertex, plus END.</summary>
    public int OutputSteps => Points + 1;

    public SequenceBatch Sample(int batch, Random rng)
    {
        Sampling.CheckBatch(batch);
        ArgumentNullException.ThrowIfNull(rng);
        var steps = PointEncoding.InputSteps(Points);
        var inputs = new float[steps * batch * InputSize];
        var labels = new long[OutputSteps * batch];
        for (var b = 0; b < batch; b++)
        {
            var points = PointEncoding.RandomPoints(Points, rng);
            var features = PointEncoding.RandomFeatures(Points, rng);
            PointEncoding.Write(inputs, batch, b, points, features);
            PointEncoding.WriteAnswer(labels, batch, b, OutputSteps, Answer(points, features));
        }

        return SequenceBatch.WithStepClassTargets(batch, steps, InputSize, inputs, OutputSteps, OutputSize, labels);
    }

    /// <summary>The features of the hull vertices in answer order.</summary>
    public static int[] Answer(IReadOnlyList<(double X, double Y)> points, ReadOnlySpan<int> features)
    {
        var vertices = ConvexHull.Vertices(points);
        var answer = new int[vertices.Length];
        for (var i = 0; i < vertices.Length; i++) answer[i] = features[vertices[i]];
        return answer;
    }
}
