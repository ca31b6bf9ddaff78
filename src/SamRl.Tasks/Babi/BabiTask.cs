using System.Globalization;
using SamRl.Memory;
using SamRl.Tasks.Data;
using SamRl.Tasks.Training;
using SamRl.Torch;

namespace SamRl.Tasks.Babi;

/// <summary>
/// bAbI question answering from the release's files: "babi" trains the 20 tasks jointly (each training batch from
/// one task drawn at random, as run_all_babi.py), "babi:N" task N alone. The data is read on first use.
/// </summary>
/// <remarks>
/// <para>Batch layout: dense inputs [S_t + 1, B, W_t] holding word ids (exact as floats): steps 0..S_t−1 the story's
/// sentences (the last S_t before the question; shorter stories end in padding sentences of id 0, as the reference
/// pads), step S_t the query; labels are answer ids and the classes are the whole vocabulary. S_t and W_t are task
/// t's (<see cref="BabiTaskData"/>), so a batch never mixes tasks.</para>
/// <para>Training batches are drawn with replacement: task uniformly, then B questions uniformly from its training
/// split, all from the iteration's seeded Random (the reference walks shuffled epochs per task instead).</para>
/// </remarks>
public sealed class BabiTask : ITaskGenerator, IHeldOutSets, ITaskNetworkFactory
{
    public const string BaseName = "babi";

    /// <summary>Where the README tells users to put the data, relative to the working directory.</summary>
    public const string DefaultDataFolder = "data/babi";

    /// <summary>Hidden width of the read-out MLPs and of f1/f2/f3 (config_all.json hidden_size).</summary>
    public const int HiddenSize = 80;

    private readonly Lazy<BabiCorpus> _corpus;

    public BabiTask(string name, string dataFolder, IReadOnlyList<int> tasks, int storyCap = BabiCorpus.DefaultStoryCap)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0 || tasks.Any(t => t is < 1 or > BabiFiles.TaskCount)) throw new ArgumentException("bAbI tasks are 1..20", nameof(tasks));
        Name = name;
        DataFolder = dataFolder;
        TaskNumbers = tasks;
        _corpus = new Lazy<BabiCorpus>(() => BabiCorpus.Load(dataFolder, tasks, storyCap));
    }

    /// <summary>True for "babi" (tasks 1..20) and "babi:N" (N in 1..20).</summary>
    public static bool TryParseName(string? name, out int[] tasks)
    {
        tasks = [];
        var key = name?.Trim().ToLowerInvariant();
        if (key == BaseName)
        {
            tasks = Enumerable.Range(1, BabiFiles.TaskCount).ToArray();
            return true;
        }

        if (key is null || !key.StartsWith(BaseName + ":", StringComparison.Ordinal)) return false;
        if (!int.TryParse(key.AsSpan(BaseName.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > BabiFiles.TaskCount) return false;
        tasks = [n];
        return true;
    }

    /// <summary>Every file the tasks need exists (cheap: nothing is parsed).</summary>
    /// <exception cref="ArgumentException">The folder or a file is missing; one line saying what to pass.</exception>
    public void CheckFiles()
    {
        try
        {
            foreach (var t in TaskNumbers) BabiFiles.Locate(DataFolder, t);
        }
        catch (IOException e)
        {
            throw new ArgumentException(e.Message);
        }
    }

    public string Name { get; }

    public string DataFolder { get; }

    public IReadOnlyList<int> TaskNumbers { get; }

    /// <summary>The parsed data (loads it on first use).</summary>
    public BabiCorpus Corpus => _corpus.Value;

    /// <summary>Nominal: the widest sentence (batches carry their own task's width).</summary>
    public int InputSize => Corpus.MaxWords;

    /// <summary>The vocabulary: answers are words.</summary>
    public int OutputSize => Corpus.Vocabulary.Count;

    public InputKind InputKind => InputKind.Dense;

    public TargetKind TargetKind => TargetKind.Class;

    public SequenceBatch Sample(int batch, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch must be at least 1");
        var task = Corpus.Tasks[rng.Next(Corpus.Tasks.Count)];
        var indices = new int[batch];
        for (var i = 0; i < batch; i++) indices[i] = rng.Next(task.Train.Count);
        return task.Train.Batch(indices, task.StorySteps, task.Words, OutputSize);
    }

    public IReadOnlyList<SequenceBatch> ValidationSet(int batchSize) => Corpus.Tasks.SelectMany(t => Batches(t, t.Valid, batchSize)).ToList();

    public IReadOnlyList<SequenceBatch> TestSet(int batchSize) => Corpus.Tasks.SelectMany(t => Batches(t, t.Test, batchSize)).ToList();

    /// <summary>One split of one task, in file order, in batches of at most <paramref name="batchSize"/>.</summary>
    public IReadOnlyList<SequenceBatch> Batches(BabiTaskData task, BabiSplit split, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(split);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be at least 1");
        var batches = new List<SequenceBatch>();
        for (var start = 0; start < split.Count; start += batchSize)
        {
            var n = Math.Min(batchSize, split.Count - start);
            batches.Add(split.Batch(Enumerable.Range(start, n).ToArray(), task.StorySteps, task.Words, OutputSize));
        }

        return batches;
    }

    public IReadOnlyDictionary<string, object?> DataDetails() => new Dictionary<string, object?>
    {
        ["folder"] = Path.GetFullPath(DataFolder),
        ["vocabulary"] = Corpus.Vocabulary.Count,
        ["max_words"] = Corpus.MaxWords,
        ["story_cap"] = Corpus.StoryCap,
        ["tasks"] = Corpus.Tasks.Select(t => new Dictionary<string, object?>
        {
            ["task"] = t.Task,
            ["train_file"] = t.Files.Train,
            ["valid_file"] = t.Files.Valid,
            ["test_file"] = t.Files.Test,
            ["train_questions"] = t.Train.Count,
            ["valid_questions"] = t.Valid.Count,
            ["test_questions"] = t.Test.Count,
            ["valid_stories"] = t.ValidStories,
            ["valid_stories_removed_from_train"] = t.ValidStoriesRemovedFromTrain,
            ["train_stories_equal_to_a_valid_story"] = t.TrainStoriesEqualToValid,
            ["story_steps"] = t.StorySteps,
            ["words"] = t.Words,
        }).ToList(),
    };

    public TaskNetwork CreateNetwork(TaskConfig config, Generator? generator)
    {
        ArgumentNullException.ThrowIfNull(config);
        var symbol = config.EmbeddingSize;
        TaskNetwork model;
        if (config.IsStm)
        {
            var options = TaskModel.StmOptionsFor(config, StmOptions.Babi);
            model = new BabiStmModel(OutputSize, Corpus.MaxWords, options, symbol, HiddenSize, generator);
        }
        else
        {
            var core = config.LstmInit == TaskConfig.LstmInitAuthors
                ? LstmCore.AuthorsBaseline(symbol, config.LstmHidden, generator: generator)
                : new LstmCore(symbol, config.LstmHidden, generator: generator);
            model = new BabiLstmModel(OutputSize, Corpus.MaxWords, core, symbol, generator);
        }

        var device = config.TorchDevice();
        if (device.type != DeviceType.CPU) model.to(device);
        return model;
    }
}
