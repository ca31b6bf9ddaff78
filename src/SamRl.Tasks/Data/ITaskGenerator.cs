namespace SamRl.Tasks.Data;

/// <summary>
/// A supervised sequence task that draws fresh batches on demand, as the authors' generators do
/// (no fixed training set except where noted).
/// </summary>
public interface ITaskGenerator
{
    /// <summary>Registry name, e.g. "copy".</summary>
    string Name { get; }

    /// <summary>Features per input step, or the vocabulary size when <see cref="InputKind"/> is Tokens.</summary>
    int InputSize { get; }

    /// <summary>Bits per output step, or the number of classes.</summary>
    int OutputSize { get; }

    InputKind InputKind { get; }

    TargetKind TargetKind { get; }

    /// <summary>
    /// Draws <paramref name="batch"/> sequences. Every random number comes from <paramref name="rng"/>,
    /// so the same seed gives the same batch.
    /// </summary>
    SequenceBatch Sample(int batch, Random rng);
}
