using SamRl.Tasks.Data;

namespace SamRl.Tasks.Babi;

/// <summary>
/// The questions of one task's train, validation or test file as word ids. Stories are stored once and shared by
/// their questions; a batch is laid out only when asked for (<see cref="Batch"/>).
/// </summary>
public sealed class BabiSplit
{
    public BabiSplit(int task, string name, IReadOnlyList<int[][]> stories, IReadOnlyList<BabiExample> examples)
    {
        Task = task;
        Name = name;
        Stories = stories;
        Examples = examples;
    }

    public int Task { get; }

    /// <summary>"train", "valid" or "test".</summary>
    public string Name { get; }

    /// <summary>Per story, its statements as word ids.</summary>
    public IReadOnlyList<int[][]> Stories { get; }

    public IReadOnlyList<BabiExample> Examples { get; }

    public int Count => Examples.Count;

    /// <summary>
    /// The questions at <paramref name="indices"/> as a batch in the layout <see cref="BabiTask"/> documents: dense
    /// [S + 1, B, W] word ids (as floats), steps 0..S-1 the last S (at most) sentences before the question, left-aligned
    /// and padded with id 0 after the story as in the reference, step S the query; labels the answer ids.
    /// </summary>
    public SequenceBatch Batch(ReadOnlySpan<int> indices, int storySteps, int words, int vocabulary)
    {
        var b = indices.Length;
        if (b == 0) throw new ArgumentException("a batch needs at least one question", nameof(indices));
        var inputs = new float[(storySteps + 1) * b * words];
        var labels = new long[b];
        for (var j = 0; j < b; j++)
        {
            var ex = Examples[indices[j]];
            var story = Stories[ex.Story];
            var start = Math.Max(0, ex.SentencesBefore - storySteps);
            for (var s = start; s < ex.SentencesBefore; s++) Put(inputs, s - start, j, b, words, story[s]);
            Put(inputs, storySteps, j, b, words, ex.Query);
            labels[j] = ex.Answer;
        }

        return SequenceBatch.WithClassTargets(b, storySteps + 1, words, inputs, vocabulary, labels);
    }

    private static void Put(float[] inputs, int step, int j, int b, int words, int[] ids)
    {
        if (ids.Length > words) throw new ArgumentException($"a sentence of {ids.Length} words does not fit a batch of {words} words per step");
        var offset = (step * b + j) * words;
        for (var w = 0; w < ids.Length; w++) inputs[offset + w] = ids[w];
    }
}
