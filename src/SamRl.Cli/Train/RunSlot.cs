using SamRl.Training;

namespace SamRl.Cli.Train;

/// <summary>One run of a `samrl train` invocation, as the display and the summary see it.</summary>
public sealed class RunSlot(int index, string label, Func<A3CTrainer> open)
{
    public int Index { get; } = index;

    /// <summary>agent / frame skip / seed, until the run folder exists.</summary>
    public string Label { get; set; } = label;

    public Func<A3CTrainer> Open { get; } = open;

    public string State { get; set; } = "waiting";

    public string? RunPath { get; set; }

    public A3CStatus? Status { get; set; }

    public A3CResult? Result { get; set; }

    public string? Error { get; set; }
}
