namespace SamRl.Tasks.Training;

/// <summary>
/// Loss and metric over the whole held-out set, averaged per sequence. For a variable-length task,
/// <see cref="ByLength"/> holds the same per size (ascending), and <see cref="LengthName"/> says what the size counts.
/// </summary>
public sealed record EvalResult(long Iteration, double Loss, double Metric, string MetricName, int Sequences)
{
    public IReadOnlyList<LengthEval> ByLength { get; init; } = [];

    public string? LengthName { get; init; }

    /// <summary>The task's extra metrics (<see cref="Data.IPredictionMetrics"/>), means per sequence; empty for most tasks.</summary>
    public IReadOnlyList<NamedMetric> Extra { get; init; } = [];
}
