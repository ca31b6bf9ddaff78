namespace SamRl.Tasks.Babi;

/// <summary>
/// One bAbI task after loading: its three splits and its batch layout. As in the reference, every batch of a task has
/// the same shape: <see cref="StorySteps"/> = min(longest story context over the task's files, the cap) sentence steps
/// and <see cref="Words"/> = its longest sentence or query, so padding words and padding sentences are the same as there.
/// </summary>
public sealed record BabiTaskData(int Task, BabiFiles Files, BabiSplit Train, BabiSplit Valid, BabiSplit Test, int StorySteps, int Words)
{
    /// <summary>Validation stories found (and removed) in the training file.</summary>
    public int ValidStoriesRemovedFromTrain { get; init; }

    /// <summary>Training stories left whose text equals some validation story (the generator repeats short stories; the release keeps them).</summary>
    public int TrainStoriesEqualToValid { get; init; }

    /// <summary>Stories in the validation file.</summary>
    public int ValidStories { get; init; }

    public BabiSplit Split(string name) => name switch
    {
        "train" => Train,
        "valid" => Valid,
        "test" => Test,
        _ => throw new ArgumentException($"unknown split '{name}'; use train, valid or test"),
    };
}
