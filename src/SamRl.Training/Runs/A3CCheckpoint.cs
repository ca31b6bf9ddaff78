using System.Text.Json;
using SamRl.Torch;
using SamRl.Torch.NN;
using SamRl.Torch.Optim;
using SamRl.Torch.Serialization;

namespace SamRl.Training;

/// <summary>
/// An A3C checkpoint as one safetensors file, written atomically: the agent's parameters under the authors' names
/// (<c>conv1.weight</c> ... <c>sam.*</c> ... <c>actor_linear.bias</c>: <c>safetensors.torch.load_file</c> plus
/// <c>A3CSAM.load_state_dict</c> reads it in Python), the optimizer statistics under <c>optimizer.{i}.{name}</c>
/// (latest only), and metadata: <c>samrl.kind</c> = "a3c-checkpoint", <c>samrl.agent</c>, <c>samrl.progress</c>
/// (<see cref="A3CProgress"/> as JSON: counters, actors' generators and normalisers).
/// </summary>
public static class A3CCheckpoint
{
    public const string KindValue = "a3c-checkpoint";
    public const string OptimizerPrefix = "optimizer.";

    public static void Save(string path, Module model, string agent, Optimizer? optimizer, A3CProgress progress)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (k, v) in model.state_dict()) tensors[k] = v.device.type == DeviceType.CPU ? v : v.cpu();
        if (optimizer is not null)
            foreach (var (k, v) in optimizer.state_dict()) tensors[OptimizerPrefix + k] = v.device.type == DeviceType.CPU ? v : v.cpu();
        var meta = new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["samrl.kind"] = KindValue,
            ["samrl.agent"] = agent,
            ["samrl.progress"] = JsonSerializer.Serialize(progress, A3CConfig.JsonOptions),
        };
        SafeTensors.Save(path, tensors, meta);
    }

    /// <summary>Reads the progress and checks the file is an A3C checkpoint; every problem is an InvalidDataException naming the file.</summary>
    public static A3CProgress ReadProgress(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint '{path}' does not exist", path);
        var meta = SafeTensors.ReadMetadata(path);
        if (!meta.TryGetValue("samrl.kind", out var kind) || kind != KindValue || !meta.TryGetValue("samrl.progress", out var json))
            throw new InvalidDataException($"{path}: not a SamRl A3C checkpoint (no samrl.kind = {KindValue})");
        try
        {
            return JsonSerializer.Deserialize<A3CProgress>(json, A3CConfig.JsonOptions) ?? throw new InvalidDataException($"{path}: empty progress metadata");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: corrupt progress metadata: {e.Message}", e);
        }
    }

    /// <summary>The agent name a checkpoint was written for.</summary>
    public static string ReadAgent(string path)
    {
        var meta = SafeTensors.ReadMetadata(path);
        return meta.TryGetValue("samrl.agent", out var a) ? a : throw new InvalidDataException($"{path}: not a SamRl A3C checkpoint (no samrl.agent)");
    }

    /// <summary>Loads the weights (strict) and, when given, the optimizer statistics; returns the progress.</summary>
    public static A3CProgress Load(string path, Module model, Optimizer? optimizer)
    {
        var progress = ReadProgress(path);
        using var scope = torch.NewDisposeScope();
        var all = SafeTensors.Load(path);
        var modelState = all.Where(kv => !kv.Key.StartsWith(OptimizerPrefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value);
        var optimState = all.Where(kv => kv.Key.StartsWith(OptimizerPrefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[OptimizerPrefix.Length..], kv => kv.Value);
        try
        {
            model.load_state_dict(modelState, strict: true);
            if (optimizer is not null)
            {
                if (optimState.Count == 0) throw new InvalidDataException("it holds no optimizer state (a best checkpoint cannot resume a run)");
                optimizer.load_state_dict(optimState);
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }

        return progress;
    }
}
