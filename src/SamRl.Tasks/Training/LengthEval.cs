namespace SamRl.Tasks.Training;

/// <summary>Loss and metric over the held-out sequences of one size (copy length, RAR item count), per sequence.</summary>
public sealed record LengthEval(int Length, int Sequences, double Loss, double Metric);
