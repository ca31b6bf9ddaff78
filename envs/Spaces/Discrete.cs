namespace SamRl.Envs.Spaces;

/// <summary>The integers {0, ..., N-1} (Gymnasium's Discrete(n) with start 0).</summary>
public sealed class Discrete : Space
{
    public Discrete(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        N = n;
    }

    public int N { get; }

    public override int[] Shape => [];

    public int Sample(Random rng) => rng.Next(N);

    public bool Contains(int value) => value >= 0 && value < N;

    public override string ToString() => $"Discrete({N})";
}
