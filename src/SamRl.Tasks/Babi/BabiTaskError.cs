namespace SamRl.Tasks.Babi;

/// <summary>One row of <see cref="BabiErrorTable"/>: a task's questions, how many were answered exactly, and the loss.</summary>
public sealed record BabiTaskError(int Task, int Questions, int Correct, double Loss)
{
    /// <summary>Wrong answers in percent, as the paper's Table 4.</summary>
    public double ErrorPercent => Questions == 0 ? double.NaN : 100.0 * (Questions - Correct) / Questions;
}
