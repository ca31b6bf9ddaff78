namespace SamRl.Tasks.Training;

/// <summary>How <see cref="TaskTrainer.Run"/> ended.</summary>
/// <param name="Iteration">Iterations completed.</param>
/// <param name="Stopped">True when cancelled before the target (a checkpoint was written).</param>
/// <param name="WallSeconds">Training seconds over all sessions of the run.</param>
/// <param name="LastEval">The last evaluation, if any.</param>
/// <param name="BestEvalMetric">The best evaluation metric seen, if any.</param>
/// <param name="ReachedTarget">True when the run stopped because <see cref="TaskTrainer.StopWhen"/> said so.</param>
public sealed record TrainResult(long Iteration, bool Stopped, double WallSeconds, EvalResult? LastEval, double? BestEvalMetric, bool ReachedTarget = false);
