namespace SamRl.Tasks.Data;

/// <summary>
/// A task on n random points with random one-hot features (<see cref="PointEncoding"/>) whose answer is the features of
/// some of the points in a solver's order, then END: convex hull and TSP differ only in the solver.
/// </summary>
public abstract class PointSolutionTask : ITaskGenerator
{
    protected PointSolutionTask(int points, string name)
    {
        Points = points;
        Name = name;
    }

    public string Name { get; }

    public int Points { get; }

    public int InputSize => PointEncoding.InputSize;

    public int OutputSize => PointEncoding.Classes;

    public InputKind InputKind => InputKind.Dense;

    public TargetKind TargetKind => TargetKind.StepClasses;

    /// <summary>At most every point, plus END.</summary>
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
            PointEncoding.WriteAnswer(labels, batch, b, OutputSteps, FeaturesOf(Solve(points), features));
        }

        return SequenceBatch.WithStepClassTargets(batch, steps, InputSize, inputs, OutputSteps, OutputSize, labels);
    }

    /// <summary>The solution as point indices, in answer order.</summary>
    protected abstract int[] Solve(IReadOnlyList<(double X, double Y)> points);

    protected static int[] FeaturesOf(int[] indices, ReadOnlySpan<int> features)
    {
        var answer = new int[indices.Length];
        for (var i = 0; i < indices.Length; i++) answer[i] = features[indices[i]];
        return answer;
    }
}
