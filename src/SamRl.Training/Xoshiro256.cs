namespace SamRl.Training;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna): a small generator whose whole state is four words, so an actor's action
/// sampling can be saved in a checkpoint and continued exactly (System.Random's state cannot be read).
/// </summary>
public sealed class Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Seeded through SplitMix64, as the authors of xoshiro recommend.</summary>
    public Xoshiro256(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>The four state words (for checkpoints).</summary>
    public ulong[] State
    {
        get => [_s0, _s1, _s2, _s3];
        set
        {
            if (value is not { Length: 4 }) throw new ArgumentException("xoshiro256 state is 4 words");
            if (value.All(v => v == 0)) throw new ArgumentException("xoshiro256 state must not be all zero");
            (_s0, _s1, _s2, _s3) = (value[0], value[1], value[2], value[3]);
        }
    }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n).</summary>
    public int Next(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return (int)(NextDouble() * n);
    }

    /// <summary>An index drawn with the given (non-negative, not necessarily normalised) weights.</summary>
    public int Categorical(ReadOnlySpan<float> weights)
    {
        double total = 0;
        foreach (var w in weights) total += w;
        if (!(total > 0) || double.IsInfinity(total)) throw new ArgumentException($"categorical weights must sum to a positive finite number, got {total}");
        double u = NextDouble() * total, acc = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            acc += weights[i];
            if (u < acc) return i;
        }

        // Rounding can leave u at the very top; the last index with weight takes it.
        for (int i = weights.Length - 1; i >= 0; i--)
            if (weights[i] > 0) return i;
        return weights.Length - 1;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
