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

    /// <summary>
    /// One class per output step (convex hull, TSP, shortest path, MST). The trainer feeds
    /// <see cref="SequenceBatch.OutputSteps"/> all-zero steps after the inputs, as for <see cref="Bits"/>, and scores each
    /// step's logits with cross-entropy; a label of <see cref="SequenceBatch.IgnoreLabel"/> marks a padding step after END,
    /// which neither the loss nor the accuracy counts.
    /// </summary>
    StepClasses,
}
