using SamRl.Tasks.Data;

namespace SamRl.Tasks.Tests.Data;

internal static class BatchAssert
{
    public static void Same(SequenceBatch a, SequenceBatch b)
    {
        Assert.Equal(a.InputShape, b.InputShape);
        Assert.Equal(a.TargetShape, b.TargetShape);
        Assert.Equal(a.Inputs, b.Inputs);
        Assert.Equal(a.Tokens, b.Tokens);
        Assert.Equal(a.Targets, b.Targets);
        Assert.Equal(a.Labels, b.Labels);
    }

    public static bool Differ(SequenceBatch a, SequenceBatch b) =>
        !a.InputShape.SequenceEqual(b.InputShape)
        || !Equal(a.Inputs, b.Inputs) || !Equal(a.Tokens, b.Tokens)
        || !Equal(a.Targets, b.Targets) || !Equal(a.Labels, b.Labels);

    /// <summary>Same seed, same batch; another seed, another batch.</summary>
    public static void Deterministic(ITaskGenerator generator, int batch = 16)
    {
        Same(generator.Sample(batch, new Random(7)), generator.Sample(batch, new Random(7)));
        Assert.True(Differ(generator.Sample(batch, new Random(7)), generator.Sample(batch, new Random(8))));
    }

    private static bool Equal<T>(T[]? x, T[]? y) => x is null ? y is null : y is not null && x.SequenceEqual(y);
}
