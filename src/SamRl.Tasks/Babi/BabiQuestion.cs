namespace SamRl.Tasks.Babi;

/// <summary>
/// One question of a story: the story's first <see cref="SentencesBefore"/> sentences are its context,
/// <see cref="Words"/> its tokens, <see cref="Answer"/> the lower-cased answer field as one token
/// ("n,s" in task 19 and "apple,milk" in task 8 are single answer classes, as in the reference).
/// </summary>
public sealed record BabiQuestion(int SentencesBefore, string[] Words, string Answer, int Line);
