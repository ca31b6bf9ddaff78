namespace SamRl.Tasks.Training;

/// <summary>
/// Where a run stands, stored in every checkpoint so a resumed run continues exactly: the batch of
/// iteration i is drawn from <see cref="SeedMix.ForIteration"/>(seed, i), so the iteration count is
/// the whole of the data stream's position.
/// </summary>
public sealed record TrainingProgress
{
    /// <summary>Iterations completed (the next one to run is Iteration + 1).</summary>
    public long Iteration { get; init; }

    /// <summary>Training seconds so far, summed over every session of the run.</summary>
    public double WallSeconds { get; init; }

    public int Seed { get; init; }

    /// <summary>Best evaluation metric so far (null before the first evaluation).</summary>
    public double? BestEvalMetric { get; init; }

    public long BestIteration { get; init; }

    /// <summary>"bit_error" (lower is better) or "accuracy" (higher is better).</summary>
    public string MetricName { get; init; } = "";

    /// <summary>The iteration after which the learning rate was decayed on a held-out loss (<see cref="TaskConfig.LrDecayBelowEvalLoss"/>); null before.</summary>
    public long? LrDecayedAt { get; init; }

    /// <summary>How the data stream is derived, for readers of the checkpoint.</summary>
    public string DataStream { get; init; } = "batch i = Random(SeedMix.Derive(seed, 1, i))";
}
