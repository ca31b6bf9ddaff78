namespace SamRl.Tasks.Data;

/// <summary>
/// Implemented by a task with fixed validation and test files (bAbI): the trainer evaluates on
/// <see cref="ValidationSet"/> instead of drawing a held-out set from a seed, and `task test` scores
/// <see cref="TestSet"/>.
/// </summary>
public interface IHeldOutSets
{
    /// <summary>The whole validation set in batches of at most <paramref name="batchSize"/>.</summary>
    IReadOnlyList<SequenceBatch> ValidationSet(int batchSize);

    /// <summary>The whole test set in batches of at most <paramref name="batchSize"/>.</summary>
    IReadOnlyList<SequenceBatch> TestSet(int batchSize);

    /// <summary>Facts about the files for config.json (where they are, sizes, anything kept out of training).</summary>
    IReadOnlyDictionary<string, object?> DataDetails();
}
