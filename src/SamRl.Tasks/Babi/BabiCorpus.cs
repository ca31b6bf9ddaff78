namespace SamRl.Tasks.Babi;

/// <summary>
/// The bAbI tasks of one data folder, parsed, with the validation stories kept out of training, one shared
/// vocabulary, and each task's batch layout.
/// </summary>
/// <remarks>
/// The release's en-valid-10k split holds out about 10% of the stories of each en-10k training file (spread through the
/// file, in order) as qaN_valid.txt; its qaN_train.txt is the rest. With en-10k's training file, every training story
/// that is one of qaN_valid.txt's stories is dropped here (<see cref="WithoutValidation"/>), which rebuilds en-valid-10k's qaN_train.txt; with that
/// file itself nothing is dropped. <see cref="BabiTaskData.ValidStoriesRemovedFromTrain"/> says how many were
/// (all of them for 19 tasks; for task 3 only the 15 inside the 1k stand-in file).
/// </remarks>
public sealed class BabiCorpus
{
    /// <summary>The reference keeps the 70 most recent sentences of a story (run_all_babi.py's per-task parse).</summary>
    public const int DefaultStoryCap = 70;

    private BabiCorpus(string folder, IReadOnlyList<BabiTaskData> tasks, BabiVocabulary vocabulary, int storyCap)
    {
        Folder = folder;
        Tasks = tasks;
        Vocabulary = vocabulary;
        StoryCap = storyCap;
    }

    public string Folder { get; }

    public IReadOnlyList<BabiTaskData> Tasks { get; }

    public BabiVocabulary Vocabulary { get; }

    public int StoryCap { get; }

    /// <summary>The widest sentence of any loaded task: the length of the positional weight table.</summary>
    public int MaxWords => Tasks.Max(t => t.Words);

    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    /// <exception cref="FileNotFoundException">A task file is missing.</exception>
    /// <exception cref="InvalidDataException">A malformed line.</exception>
    public static BabiCorpus Load(string folder, IReadOnlyList<int> tasks, int storyCap = DefaultStoryCap)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0) throw new ArgumentException("load at least one bAbI task", nameof(tasks));
        if (storyCap < 1) throw new ArgumentOutOfRangeException(nameof(storyCap), storyCap, "the story cap must be at least 1");
        var vocabulary = new BabiVocabulary();
        var loaded = new List<BabiTaskData>();
        foreach (var task in tasks)
        {
            var files = BabiFiles.Locate(folder, task);
            var train = BabiParser.ParseFile(files.Train);
            var valid = BabiParser.ParseFile(files.Valid);
            var test = BabiParser.ParseFile(files.Test);
            var kept = WithoutValidation(train, valid);
            var validTexts = valid.Select(Text).ToHashSet(StringComparer.Ordinal);

            var all = kept.Concat(valid).Concat(test).ToList();
            var storySteps = Math.Min(storyCap, all.SelectMany(s => s.Questions).Max(q => q.SentencesBefore));
            var words = all.Max(s => Math.Max(s.Sentences.Count == 0 ? 0 : s.Sentences.Max(w => w.Length), s.Questions.Max(q => q.Words.Length)));
            loaded.Add(new BabiTaskData(
                task, files,
                Encode(task, "train", kept, vocabulary),
                Encode(task, "valid", valid, vocabulary),
                Encode(task, "test", test, vocabulary),
                Math.Max(1, storySteps), words)
            {
                ValidStoriesRemovedFromTrain = train.Count - kept.Count,
                ValidStories = valid.Count,
                TrainStoriesEqualToValid = kept.Count(k => validTexts.Contains(Text(k))),
            });
        }

        return new BabiCorpus(folder, loaded, vocabulary, storyCap);
    }

    private static string Text(BabiStory s) => string.Join('\n', s.RawLines);

    /// <summary>
    /// The release's rule (checked byte for byte on 19 tasks, see the data README): walk the training stories in order
    /// and drop each one that equals the next validation story not yet matched. Only those occurrences go: a story
    /// whose text happens to repeat elsewhere in the training file (task 4 has many) stays, as in en-valid-10k's train file.
    /// </summary>
    public static List<BabiStory> WithoutValidation(IReadOnlyList<BabiStory> train, IReadOnlyList<BabiStory> valid)
    {
        var kept = new List<BabiStory>(train.Count);
        var next = 0;
        foreach (var story in train)
        {
            if (next < valid.Count && story.SameText(valid[next])) next++;
            else kept.Add(story);
        }

        return kept;
    }

    private static BabiSplit Encode(int task, string name, List<BabiStory> stories, BabiVocabulary vocabulary)
    {
        var encoded = new List<int[][]>(stories.Count);
        var examples = new List<BabiExample>();
        foreach (var story in stories)
        {
            var index = encoded.Count;
            encoded.Add(story.Sentences.Select(s => s.Select(vocabulary.Add).ToArray()).ToArray());
            foreach (var q in story.Questions)
            {
                examples.Add(new BabiExample(index, q.SentencesBefore, q.Words.Select(vocabulary.Add).ToArray(), vocabulary.Add(q.Answer)));
            }
        }

        return new BabiSplit(task, name, encoded, examples);
    }
}
