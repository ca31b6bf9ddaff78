namespace SamRl.Tasks.Data;

/// <summary>
/// A per-step class task that scores the model's predictions with more than step accuracy (TSP: the length of the
/// predicted tour). The trainer asks for these at every evaluation and reports them beside the main metric, in the
/// progress lines, `task test` and metrics.csv (as eval_&lt;name&gt; columns).
/// </summary>
public interface IPredictionMetrics
{
    /// <summary>Names of the extra metrics, snake_case, in the order <see cref="PredictionMetrics"/> returns them.</summary>
    IReadOnlyList<string> PredictionMetricNames { get; }

    /// <summary>
    /// The extra metrics of <paramref name="batch"/>, each a mean over its sequences, given the model's argmax class at
    /// every output step (<paramref name="predictions"/>, [T_out, B] time-major like the labels).
    /// </summary>
    double[] PredictionMetrics(SequenceBatch batch, ReadOnlySpan<long> predictions);
}
