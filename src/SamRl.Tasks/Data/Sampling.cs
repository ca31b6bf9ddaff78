namespace SamRl.Tasks.Data;

/// <summary>The few draws the generators share, kept in one place so their order stays deterministic.</summary>
internal static class Sampling
{
    public static float Bit(Random rng) => rng.Next(2);

    /// <summary>U[low, high), the half-open range torch's Uniform and numpy's rand use.</summary>
    public static float Uniform(Random rng, float low, float high)
    {
        var value = (float)(low + (high - low) * rng.NextDouble());
        // Rounding to float can land on high; keep the interval half-open.
        return value < high ? value : MathF.BitDecrement(high);
    }

    /// <summary>Inclusive range, since task lengths are quoted that way (L ~ U{1..20}).</summary>
    public static int IntInclusive(Random rng, int min, int max) => rng.Next(min, max + 1);

    /// <summary>A uniformly random permutation of 0..n-1 (Fisher-Yates).</summary>
    public static int[] Permutation(Random rng, int n)
    {
        var result = new int[n];
        for (var i = 0; i < n; i++) result[i] = i;
        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (result[i], result[j]) = (result[j], result[i]);
        }

        return result;
    }

    public static void CheckBatch(int batch)
    {
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, "Batch size must be at least 1.");
    }
}
