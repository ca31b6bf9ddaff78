namespace SamRl.Tasks.Data;

/// <summary>An undirected weighted edge between nodes <see cref="A"/> and <see cref="B"/> (0-based).</summary>
public readonly record struct GraphEdge(int A, int B, double Weight)
{
    /// <summary>The endpoint that is not <paramref name="node"/>.</summary>
    public int Other(int node) => node == A ? B : A;
}
