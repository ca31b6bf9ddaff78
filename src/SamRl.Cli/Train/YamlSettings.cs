using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SamRl.Cli.Train;

/// <summary>
/// A YAML file of settings, as <c>--config</c> and the shipped presets hold them: one mapping of config.json keys to
/// scalars, or to sequences for the sweep keys (agent, frame_skip, seed/seeds).
/// </summary>
public static class YamlSettings
{
    public const string PaperPreset = "paper";

    public static IReadOnlyList<string> Presets { get; } = [PaperPreset];

    /// <summary>The text of a shipped preset.</summary>
    public static string Preset(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        if (key != PaperPreset) throw new UsageException($"unknown preset '{name}'; presets: {string.Join(", ", Presets)}");
        using var stream = typeof(YamlSettings).Assembly.GetManifestResourceStream("paper-pong.yaml")
            ?? throw new InvalidOperationException("the paper preset is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static void Apply(ConfigLayers layers, string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new UsageException($"{source}: not valid YAML at line {e.Start.Line}: {e.Message}");
        }

        if (stream.Documents.Count == 0) return;
        if (stream.Documents[0].RootNode is not YamlMappingNode map)
            throw new UsageException($"{source}: expected a mapping of settings (key: value lines)");
        foreach (var (k, v) in map.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? throw new UsageException($"{source}: keys must be plain names (line {k.Start.Line})");
            var where = $"{source} line {k.Start.Line}";
            switch (v)
            {
                case YamlScalarNode s:
                    layers.Set(key, [s.Value ?? ""], where);
                    break;
                case YamlSequenceNode seq:
                    layers.Set(key, seq.Children.Select(c => (c as YamlScalarNode)?.Value ?? throw new UsageException($"{where}: '{key}' must list plain values")).ToList(), where);
                    break;
                default:
                    throw new UsageException($"{where}: '{key}' must be a value or a list of values");
            }
        }
    }
}
