namespace SamRl.Tasks.Training;

/// <summary>
/// What <see cref="TaskTrainer.IterationCompleted"/> reports after every iteration, for progress bars and tests.
/// </summary>
/// <param name="Iteration">Iterations completed so far (1-based number of the one just run).</param>
/// <param name="Iterations">The run's target.</param>
/// <param name="Loss">This iteration's training loss (BCE or cross-entropy).</param>
/// <param name="Metric">This iteration's bit error per sequence or accuracy.</param>
/// <param name="WindowLoss">Mean loss since the last metrics row.</param>
/// <param name="WindowMetric">Mean metric since the last metrics row.</param>
/// <param name="WallSeconds">Training seconds so far, over all sessions of the run.</param>
/// <param name="LastEval">The most recent evaluation, if any.</param>
public sealed record IterationReport(
    long Iteration,
    long Iterations,
    double Loss,
    double Metric,
    double WindowLoss,
    double WindowMetric,
    double WallSeconds,
    EvalResult? LastEval);
