using SamRl.Tasks.Training;

namespace SamRl.Tasks.Tests.Babi;

/// <summary>The committed bAbI cut (Babi/Fixture, copied next to the test binaries) and tiny model settings.</summary>
internal static class BabiFixture
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Babi", "Fixture");

    /// <summary>counts.csv: per task (train stories, train questions, valid stories in the train cut, train questions after removal, valid stories, valid questions, test stories, test questions).</summary>
    public static Dictionary<int, int[]> Counts() =>
        File.ReadAllLines(Path.Combine(Folder, "counts.csv")).Skip(1)
            .Select(l => l.Split(',').Select(int.Parse).ToArray())
            .ToDictionary(v => v[0], v => v[1..]);

    /// <summary>bAbI on the fixture with a tiny STM (N=2, d=4) / LSTM (16 units).</summary>
    public static TaskConfig Tiny(string task, string model, int iterations = 4) => TaskConfig.ForTask(task, model) with
    {
        DataPath = Folder,
        Iterations = iterations,
        Batch = 8,
        EmbeddingSize = 8,
        Slots = 2,
        SlotSize = 4,
        RelSize = 4,
        OutAttSize = 4,
        MlpSize = 4,
        LstmHidden = 16,
        LogEvery = 1,
        EvalEvery = 2,
        CheckpointEvery = 0,
        Threads = 1,
    };

    public static string TempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "samrl-babi-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }
}
