namespace SamRl.Tasks.Babi;

/// <summary>
/// One story of a bAbI file: its statements (tokenised, in order, questions left out), its questions, and its raw
/// lines (to recognise the same story in another file, e.g. a validation story inside the 10k training file).
/// </summary>
public sealed record BabiStory(IReadOnlyList<string[]> Sentences, IReadOnlyList<BabiQuestion> Questions, IReadOnlyList<string> RawLines, int FirstLine)
{
    /// <summary>Same lines in the same order.</summary>
    public bool SameText(BabiStory other) => other is not null && RawLines.SequenceEqual(other.RawLines, StringComparer.Ordinal);
}
