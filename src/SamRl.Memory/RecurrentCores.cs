namespace SamRl.Memory;

/// <summary>Builds a <see cref="RecurrentCore"/> by name, so agents and tasks choose the core from configuration.</summary>
public static class RecurrentCores
{
    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["stm", "lstm"];

    /// <summary>
    /// "stm": <see cref="StmCell"/>(inputSize → outputSize, <paramref name="stm"/> or <see cref="StmOptions.Reference"/>);
    /// "lstm": <see cref="LstmCore"/>(inputSize → hidden = outputSize). Names are case-insensitive.
    /// </summary>
    public static RecurrentCore Create(string name, long inputSize, long outputSize, StmOptions? stm = null,
                                       SamRl.Torch.ScalarType? dtype = null, SamRl.Torch.Device? device = null, SamRl.Torch.Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "stm" => new StmCell(inputSize, outputSize, stm, dtype, device, generator),
            "lstm" => new LstmCore(inputSize, outputSize, true, dtype, device, generator),
            _ => throw new ArgumentException($"unknown recurrent core '{name}'; valid names: {string.Join(", ", Names)}", nameof(name)),
        };
    }
}
