namespace SamRl.Tasks.Training;

/// <summary>One training iteration's loss and metric (bit error per sequence, or accuracy).</summary>
public readonly record struct StepResult(long Iteration, double Loss, double Metric);
