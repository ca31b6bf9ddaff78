using SamRl.Torch.Serialization;

namespace SamRl.Torch.NN;

/// <summary>Checkpoint helpers: a module's state_dict as a safetensors file (same names as PyTorch's state_dict).</summary>
public static class ModuleSerialization
{
    /// <summary>
    /// Writes the module's parameters and buffers to <paramref name="path"/> (atomically). The metadata gets
    /// "format": "pt" unless the caller gives one, as Python's transformers writes it.
    /// </summary>
    public static void save(this Module module, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        var meta = new Dictionary<string, string> { ["format"] = "pt" };
        if (metadata is not null) foreach (var (k, v) in metadata) meta[k] = v;
        SafeTensors.Save(path, module.state_dict(), meta);
    }

    /// <summary>
    /// Loads <paramref name="path"/> into the module's parameters and buffers in place (values converted to
    /// their dtype and device). With strict, missing or unexpected names are an error; shapes must match.
    /// </summary>
    public static void load(this Module module, string path, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var scope = torch.NewDisposeScope();
        var loaded = SafeTensors.Load(path);
        try
        {
            module.load_state_dict(loaded, strict);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }
}
