using SamRl.Tasks.Training;

namespace SamRl.Tasks.Tests.Training;

/// <summary>Tiny settings so a few hundred iterations run in seconds on 2 cores.</summary>
internal static class TrainerFixtures
{
    /// <summary>Copy with 4-bit vectors of length 1-3; STM N=2, d=8; LSTM 32 units; lr raised for short runs.</summary>
    public static TaskConfig TinyCopy(string model, int iterations = 300) => TinyModel(TaskConfig.ForTask("copy", model)) with
    {
        Iterations = iterations,
        Batch = 32,
        Width = 4,
        MinLength = 1,
        MaxLength = 3,
        LogEvery = 50,
        EvalEvery = 100,
        EvalSize = 128,
        CheckpointEvery = 100,
        Threads = 1,
    };

    /// <summary>A tiny model on <paramref name="config"/>'s task: STM N=2, d=8; LSTM 32 units; Adam at a raised lr for short runs.</summary>
    public static TaskConfig TinyModel(TaskConfig config) => config with
    {
        Slots = 2,
        SlotSize = 8,
        RelSize = 8,
        OutAttSize = 16,
        MlpSize = 32,
        LstmHidden = 32,
        Optimizer = TaskConfig.Adam,
        LearningRate = 3e-3,
    };

    /// <summary>The config as an older config.json holds it: serialized without <paramref name="key"/>, then read back.</summary>
    public static TaskConfig ReadWithout(TaskConfig config, string key)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(config, TaskConfig.JsonOptions))!.AsObject();
        Assert.True(node.Remove(key), $"config JSON has no '{key}'");
        return System.Text.Json.JsonSerializer.Deserialize<TaskConfig>(node, TaskConfig.JsonOptions)!;
    }

    /// <summary>A fresh folder under the system temp dir, deleted by the caller.</summary>
    public static string TempRoot()
    {
        var path = Path.Combine(Path.GetTempPath(), "samrl-trainer-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }
}
