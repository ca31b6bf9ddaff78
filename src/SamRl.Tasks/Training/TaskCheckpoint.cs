using System.Globalization;
using System.Text.Json;
using SamRl.Torch;
using SamRl.Torch.NN;
using SamRl.Torch.Optim;
using SamRl.Torch.Serialization;

namespace SamRl.Tasks.Training;

/// <summary>
/// A training checkpoint as one safetensors file (written atomically by <see cref="SafeTensors.Save"/>):
/// <list type="bullet">
/// <item>the model's state dict under its own names (<c>core.*</c>, <c>head.*</c>, <c>embedding.*</c>),
/// so Python's <c>safetensors.torch.load_file</c> plus <c>load_state_dict(strict=False)</c> reads it;</item>
/// <item>the optimizer state under <c>optimizer.{index}.{name}</c> (latest only);</item>
/// <item>metadata: <c>format</c> = "pt", <c>samrl.kind</c> = "task-checkpoint",
/// <c>samrl.progress</c> = <see cref="TrainingProgress"/> as JSON.</item>
/// </list>
/// </summary>
public static class TaskCheckpoint
{
    public const string OptimizerPrefix = "optimizer.";
    public const string ProgressKey = "samrl.progress";

    /// <summary>Writes model (and optimizer, when given) state and progress to <paramref name="path"/>.</summary>
    public static void Save(string path, Module model, Optimizer? optimizer, TrainingProgress progress)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(progress);
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>(model.state_dict());
        if (optimizer is not null)
        {
            foreach (var (k, v) in optimizer.state_dict()) tensors[OptimizerPrefix + k] = v;
        }

        var meta = new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["samrl.kind"] = "task-checkpoint",
            ["samrl.iteration"] = progress.Iteration.ToString(CultureInfo.InvariantCulture),
            [ProgressKey] = JsonSerializer.Serialize(progress, TaskConfig.JsonOptions),
        };
        SafeTensors.Save(path, tensors, meta);
    }

    /// <summary>
    /// Loads <paramref name="path"/> into <paramref name="model"/> (strict) and, when given and present,
    /// into <paramref name="optimizer"/>; returns the stored progress.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a task checkpoint, or it does not fit the model / optimizer.</exception>
    public static TrainingProgress Load(string path, Module model, Optimizer? optimizer, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var progress = ReadProgress(path);
        using var scope = torch.NewDisposeScope();
        var all = SafeTensors.Load(path, device);
        var modelState = all.Where(kv => !kv.Key.StartsWith(OptimizerPrefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value);
        var optimState = all.Where(kv => kv.Key.StartsWith(OptimizerPrefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[OptimizerPrefix.Length..], kv => kv.Value);
        try
        {
            model.load_state_dict(modelState, strict: true);
            if (optimizer is not null)
            {
                if (optimState.Count == 0) throw new InvalidDataException("it holds no optimizer state");
                optimizer.load_state_dict(optimState);
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }

        return progress;
    }

    /// <summary>The progress stored in a checkpoint's metadata.</summary>
    public static TrainingProgress ReadProgress(string path)
    {
        var meta = SafeTensors.ReadMetadata(path);
        if (!meta.TryGetValue(ProgressKey, out var json))
            throw new InvalidDataException($"{path}: not a SamRl task checkpoint (no '{ProgressKey}' metadata)");
        return JsonSerializer.Deserialize<TrainingProgress>(json, TaskConfig.JsonOptions)
            ?? throw new InvalidDataException($"{path}: empty '{ProgressKey}' metadata");
    }
}
