namespace SamRl.Envs.Wrappers;

/// <summary>
/// Derives independent, stable seeds for the random sources of a stack from the one reset seed,
/// so that, e.g., NoopReset and StickyActions never draw from correlated streams.
/// </summary>
public static class Seeding
{
    public static int Derive(int seed, ulong stream)
    {
        // SplitMix64 finaliser: small input changes give unrelated outputs; stable across runs and platforms.
        ulong z = ((ulong)(uint)seed << 32) ^ (stream * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    /// <summary>A Random for a stream: seeded from the reset seed when given, otherwise the existing one (or an unseeded one).</summary>
    public static Random Reseed(Random? current, int? seed, ulong stream) =>
        seed.HasValue ? new Random(Derive(seed.Value, stream)) : current ?? new Random();
}
