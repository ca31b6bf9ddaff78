namespace SamRl.Tasks.Data;

/// <summary>
/// A task whose batches vary in one size, drawn once per batch (copy: the sequence length; RAR: the item count).
/// Errors grow with that size, so a held-out set that draws it at random in a few chunks misstates the metric: the
/// trainer's stratified held-out set draws every size equally often instead, and evaluations report each size.
/// </summary>
public interface IVariableLengthTask : ITaskGenerator
{
    /// <summary>What the size counts, for reports: "length" or "items".</summary>
    string LengthName { get; }

    /// <summary>Smallest size a batch is drawn with.</summary>
    int MinLength { get; }

    /// <summary>Largest size a batch is drawn with.</summary>
    int MaxLength { get; }

    /// <summary>A batch of a chosen size (any size ≥ 1 the task supports, also outside [min, max]).</summary>
    SequenceBatch Sample(int batch, int length, Random rng);

    /// <summary>The size a batch of this task was drawn with.</summary>
    int LengthOf(SequenceBatch batch);
}
