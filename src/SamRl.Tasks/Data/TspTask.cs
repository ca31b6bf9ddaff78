namespace SamRl.Tasks.Data;

/// <summary>
/// Travelling salesman with random one-hot features (paper section 3.3, Table 3): given n points, output the features of
/// the points along the optimal closed tour, then END.
/// </summary>
/// <remarks>
/// <para>Input as <see cref="PointEncoding"/> (n + 1 steps of 24). Output: n + 1 steps over 22 classes: the optimal tour
/// from <see cref="HeldKarp"/> (starting at input point 0, first towards its smaller-index neighbour), then END in place
/// of the return to the start, as the authors' loader does.</para>
/// <para>Extra metrics (<see cref="IPredictionMetrics"/>): <c>tour_length</c>, the length of the tour the model names,
/// made valid as follows: output steps 0..n-1 are read in order; a step whose class is the feature of a point not yet
/// visited visits it; any other step (END, class 0, an unused class, a repeat) visits the first unvisited point in input
/// order instead; the tour closes back to its first point. So it is always a valid tour and never shorter than the
/// optimum. <c>optimal_tour_length</c>: the target tour's length (the paper quotes 2.05 for n = 5, 2.88 for n = 10).
/// <c>valid_tour</c>: the fraction of sequences that needed no replacement.</para>
/// </remarks>
public sealed class TspTask : PointSolutionTask, IPredictionMetrics
{
    public TspTask(int points, string name)
        : base(CheckedPoints(points), name)
    {
    }

    private static int CheckedPoints(int points)
    {
        if (points < 3 || points > Math.Min(PointEncoding.MaxItems, HeldKarp.MaxPoints))
            throw new ArgumentOutOfRangeException(nameof(points), points, $"TSP takes 3..{HeldKarp.MaxPoints} points.");
        return points;
    }

    public IReadOnlyList<string> PredictionMetricNames { get; } = ["tour_length", "optimal_tour_length", "valid_tour"];

    /// <summary>The features along the optimal tour, in answer order.</summary>
    public static int[] Answer(IReadOnlyList<(double X, double Y)> points, ReadOnlySpan<int> features) =>
        FeaturesOf(HeldKarp.Tour(points), features);

    protected override int[] Solve(IReadOnlyList<(double X, double Y)> points) => HeldKarp.Tour(points);

    public double[] PredictionMetrics(SequenceBatch batch, ReadOnlySpan<long> predictions)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (predictions.Length != batch.OutputSteps * batch.BatchSize)
            throw new ArgumentException($"Expected {batch.OutputSteps}x{batch.BatchSize} predictions, got {predictions.Length}.", nameof(predictions));
        double predicted = 0, optimal = 0, valid = 0;
        var named = new long[Points];
        var target = new long[Points];
        for (var b = 0; b < batch.BatchSize; b++)
        {
            var (points, features) = PointEncoding.Decode(batch, b);
            for (var t = 0; t < Points; t++)
            {
                named[t] = predictions[t * batch.BatchSize + b];
                target[t] = batch.LabelAt(t, b);
            }

            var tour = TourFromFeatures(named, features, out var repaired);
            predicted += HeldKarp.Length(points, tour);
            optimal += HeldKarp.Length(points, TourFromFeatures(target, features, out _));
            if (!repaired) valid++;
        }

        var n = batch.BatchSize;
        return [predicted / n, optimal / n, valid / n];
    }

    /// <summary>
    /// The point indices a sequence of predicted classes names, made a valid tour as the remarks say;
    /// <paramref name="repaired"/> tells whether any step had to be replaced.
    /// </summary>
    public static int[] TourFromFeatures(ReadOnlySpan<long> classes, ReadOnlySpan<int> features, out bool repaired)
    {
        var n = features.Length;
        var pointOf = new Dictionary<long, int>(n);
        for (var i = 0; i < n; i++) pointOf[features[i]] = i;
        var visited = new bool[n];
        var tour = new int[n];
        repaired = false;
        for (var t = 0; t < n; t++)
        {
            if (t < classes.Length && pointOf.TryGetValue(classes[t], out var p) && !visited[p])
            {
                tour[t] = p;
            }
            else
            {
                repaired = true;
                p = Array.IndexOf(visited, false);
                tour[t] = p;
            }

            visited[p] = true;
        }

        return tour;
    }
}
