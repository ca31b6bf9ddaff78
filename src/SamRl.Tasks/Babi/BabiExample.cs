namespace SamRl.Tasks.Babi;

/// <summary>One question as word ids: its story (index into <see cref="BabiSplit.Stories"/>), how many of the story's sentences precede it, the query and the answer id.</summary>
public readonly record struct BabiExample(int Story, int SentencesBefore, int[] Query, int Answer);
