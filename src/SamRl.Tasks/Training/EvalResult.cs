namespace SamRl.Tasks.Training;

/// <summary>Loss and metric over the whole held-out set, averaged per sequence.</summary>
public sealed record EvalResult(long Iteration, double Loss, double Metric, string MetricName, int Sequences);
