namespace SamRl.Envs.Spaces;

/// <summary>A Gymnasium space: the set of valid actions or observations.</summary>
public abstract class Space
{
    public abstract int[] Shape { get; }
}
