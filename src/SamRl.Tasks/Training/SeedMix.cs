namespace SamRl.Tasks.Training;

/// <summary>
/// Derives independent seeds from (run seed, stream, index) with SplitMix64, so the batch of
/// iteration i depends only on (seed, i): a resumed run continues the same data stream, and the
/// training stream, the fixed training set and the evaluation set never share a generator.
/// </summary>
public static class SeedMix
{
    /// <summary>Stream of per-iteration training batches.</summary>
    public const long BatchStream = 1;

    /// <summary>Stream of per-epoch shuffles of a fixed training set.</summary>
    public const long EpochStream = 2;

    /// <summary>Stream of the fixed training set's contents.</summary>
    public const long TrainSetStream = 3;

    /// <summary>Stream of a test set drawn after training (<c>samrl task test</c>): never the held-out set.</summary>
    public const long TestSetStream = 4;

    /// <summary>A non-negative 31-bit seed for <see cref="Random(int)"/>.</summary>
    public static int Derive(long seed, long stream, long index)
    {
        var x = Mix((ulong)seed);
        x = Mix(x ^ (ulong)stream * 0x9E3779B97F4A7C15UL);
        x = Mix(x ^ (ulong)index);
        return (int)(x >> 33);
    }

    /// <summary>The training batch generator for 1-based <paramref name="iteration"/>.</summary>
    public static Random ForIteration(int seed, long iteration) => new(Derive(seed, BatchStream, iteration));

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
