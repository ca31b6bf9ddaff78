namespace SamRl.Tasks.Data;

/// <summary>How a task is supervised, which also fixes when the trainer reads the model.</summary>
public enum TargetKind
{
    /// <summary>
    /// Binary vectors, one per output step. The trainer feeds <see cref="SequenceBatch.OutputSteps"/>
    /// all-zero steps after the inputs and compares sigmoid outputs with the targets (BCE).
    /// </summary>
    Bits,

    /// <summary>
    /// One class per sequence. The trainer reads the logits at the last input step (cross-entropy);
    /// there are no output steps.
    /// </summary>
    Class,
}
