namespace SamRl.Tasks.Training;

/// <summary>One extra evaluation metric of a task (see <see cref="Data.IPredictionMetrics"/>), e.g. tour_length.</summary>
public sealed record NamedMetric(string Name, double Value);
