namespace SamRl.Tasks.Data;

/// <summary>
/// A fixed set of sequences drawn once from a seed: the authors' train/val/test files for associative
/// retrieval, or a held-out set for any fixed-length task. Use a different seed per split and from
/// the training stream so the sets are independent.
/// </summary>
public sealed class FixedDataset
{
    /// <summary>Sequences drawn per generator call while building: bounds the temporary memory.</summary>
    public const int DefaultChunkSize = 1024;

    private FixedDataset(string name, SequenceBatch all, int seed)
    {
        Name = name;
        All = all;
        Seed = seed;
    }

    public string Name { get; }

    public int Seed { get; }

    /// <summary>Every sequence, as one batch of <see cref="Count"/>.</summary>
    public SequenceBatch All { get; }

    public int Count => All.BatchSize;

    /// <summary>
    /// Draws <paramref name="count"/> sequences from <paramref name="generator"/> with
    /// <c>new Random(seed)</c>. The same generator settings, count, seed and chunk size give the same set.
    /// The task must have a fixed length (for copy and RAR set min = max).
    /// </summary>
    public static FixedDataset Create(ITaskGenerator generator, int count, int seed, int chunkSize = DefaultChunkSize)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "A data set needs at least one sequence.");
        if (chunkSize < 1) throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "Chunk size must be at least 1.");

        var rng = new Random(seed);
        var parts = new List<SequenceBatch>();
        for (var done = 0; done < count; done += chunkSize)
        {
            parts.Add(generator.Sample(Math.Min(chunkSize, count - done), rng));
        }

        var all = parts.Count == 1 ? parts[0] : SequenceBatch.Concat(parts);
        return new FixedDataset(generator.Name, all, seed);
    }

    /// <summary>Sequences [start, start + size), clipped at the end of the set.</summary>
    public SequenceBatch Slice(int start, int size)
    {
        if ((uint)start >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(start), start, $"Start outside the set of {Count}.");
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "Size must be at least 1.");
        var n = Math.Min(size, Count - start);
        var indices = new int[n];
        for (var i = 0; i < n; i++) indices[i] = start + i;
        return All.Gather(indices);
    }

    /// <summary>The whole set in order, in batches of <paramref name="batchSize"/> (the last may be smaller): for evaluation.</summary>
    public IEnumerable<SequenceBatch> Batches(int batchSize)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be at least 1.");
        return Iterate();

        IEnumerable<SequenceBatch> Iterate()
        {
            for (var start = 0; start < Count; start += batchSize) yield return Slice(start, batchSize);
        }
    }

    /// <summary>
    /// One epoch in a random order drawn from <paramref name="rng"/>: for training on a fixed set.
    /// The last partial batch is dropped when <paramref name="dropLast"/> is set.
    /// </summary>
    public IEnumerable<SequenceBatch> ShuffledBatches(int batchSize, Random rng, bool dropLast = false)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be at least 1.");
        ArgumentNullException.ThrowIfNull(rng);
        var order = Sampling.Permutation(rng, Count);
        return Iterate();

        IEnumerable<SequenceBatch> Iterate()
        {
            for (var start = 0; start < Count; start += batchSize)
            {
                var n = Math.Min(batchSize, Count - start);
                if (n < batchSize && dropLast) yield break;
                yield return All.Gather(order.AsSpan(start, n));
            }
        }
    }
}
