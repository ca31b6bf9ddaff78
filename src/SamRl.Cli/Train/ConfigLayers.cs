using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SamRl.Training;

namespace SamRl.Cli.Train;

/// <summary>
/// Builds A3C configs from layers, each overriding the one before: the defaults (<see cref="A3CConfig"/>), a preset or
/// YAML file, the command's flags, then <c>--set key=value</c>. Keys are config.json's (snake_case). Three keys may
/// hold lists and make a sweep (one run per combination): agent, frame_skip and seed (or "seeds", also as a range
/// "1-5").
/// </summary>
public sealed class ConfigLayers
{
    public static readonly string[] SweepKeys = ["agent", "frame_skip", "seed"];

    private readonly JsonObject _settings;
    private readonly Dictionary<string, List<JsonNode>> _sweep = new();
    private readonly HashSet<string> _explicit = new();

    public ConfigLayers()
    {
        _settings = JsonSerializer.SerializeToNode(new A3CConfig(), A3CConfig.JsonOptions)!.AsObject();
    }

    /// <summary>Every key a layer may set.</summary>
    public IEnumerable<string> Keys => _settings.Select(kv => kv.Key).Append("seeds");

    /// <summary>Sets one key from text (a flag, --set, or a YAML scalar); a list (comma separated, or a YAML sequence) for sweep keys.</summary>
    public void Set(string key, IReadOnlyList<string> values, string source)
    {
        key = key.Trim().Replace('-', '_');
        if (key == "seeds") key = "seed";
        if (!_settings.ContainsKey(key))
            throw new UsageException($"{source}: unknown setting '{key}'; valid settings: {string.Join(", ", Keys.Order())}");
        if (values.Count == 0) throw new UsageException($"{source}: '{key}' has no value");
        var parsed = values.SelectMany(v => key == "seed" ? ExpandRange(v, source) : [v]).Select(v => Parse(key, v, source)).ToList();
        if (parsed.Count > 1 && !SweepKeys.Contains(key))
            throw new UsageException($"{source}: '{key}' takes one value (only {string.Join(", ", SweepKeys)} take lists), got {values.Count}");
        if (SweepKeys.Contains(key)) _sweep[key] = parsed.Select(n => n ?? throw new UsageException($"{source}: '{key}' needs a value")).ToList();
        else _settings[key] = parsed[0];
    }

    public void Set(string key, string value, string source) => Set(key, SweepKeys.Contains(Normalise(key)) ? value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [value], source);

    /// <summary>Applies "key=value".</summary>
    public void SetAssignment(string assignment, string source)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0) throw new UsageException($"{source}: expected key=value, got '{assignment}'");
        Set(assignment[..eq], assignment[(eq + 1)..], source);
    }

    /// <summary>One config per combination of the sweep keys (agent × frame skip × seed), in that order.</summary>
    public IReadOnlyList<A3CConfig> Build()
    {
        List<JsonNode> Axis(string key) => _sweep.TryGetValue(key, out var v) ? v : [_settings[key]!.DeepClone()];
        var result = new List<A3CConfig>();
        foreach (var agent in Axis("agent"))
            foreach (var skip in Axis("frame_skip"))
                foreach (var seed in Axis("seed"))
                {
                    var node = _settings.DeepClone().AsObject();
                    node["agent"] = agent.DeepClone();
                    node["frame_skip"] = skip.DeepClone();
                    node["seed"] = seed.DeepClone();
                    A3CConfig config;
                    try
                    {
                        config = node.Deserialize<A3CConfig>(A3CConfig.JsonOptions)!;
                    }
                    catch (JsonException e)
                    {
                        throw new UsageException($"bad setting: {e.Message}");
                    }

                    try
                    {
                        config.Validate();
                    }
                    catch (ArgumentException e)
                    {
                        throw new UsageException(e.Message);
                    }

                    result.Add(config);
                }

        return result;
    }

    /// <summary>Whether a key was given a value by any layer (not just its default).</summary>
    public bool IsSet(string key) => _explicit.Contains(Normalise(key));

    private static string Normalise(string key)
    {
        key = key.Trim().Replace('-', '_');
        return key == "seeds" ? "seed" : key;
    }

    private JsonNode? Parse(string key, string text, string source)
    {
        _explicit.Add(key);
        var type = PropertyTypes[key];
        text = text.Trim();
        if (type == typeof(bool))
        {
            if (bool.TryParse(text, out var b)) return JsonValue.Create(b);
            if (text is "yes" or "on" or "1") return JsonValue.Create(true);
            if (text is "no" or "off" or "0") return JsonValue.Create(false);
            throw new UsageException($"{source}: '{key}' is true or false, got '{text}'");
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(double))
        {
            var number = ParseNumber(text) ?? throw new UsageException($"{source}: '{key}' is a number, got '{text}'");
            if (type == typeof(double)) return JsonValue.Create(number);
            double max = type == typeof(int) ? int.MaxValue : 9e18;
            if (number != Math.Floor(number) || Math.Abs(number) > max)
                throw new UsageException($"{source}: '{key}' is a whole number, got '{text}'");
            return type == typeof(int) ? JsonValue.Create((int)number) : JsonValue.Create((long)number);
        }

        return text.Length == 0 || text == "null" ? null : JsonValue.Create(text);
    }

    // The CLR type behind each config.json key, so "1" for a double and "0.5" for an int are told apart.
    private static readonly Dictionary<string, Type> PropertyTypes = typeof(A3CConfig).GetProperties()
        .Where(p => p.CanWrite && !p.IsDefined(typeof(System.Text.Json.Serialization.JsonIgnoreAttribute), false))
        .ToDictionary(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name), p => Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType);

    /// <summary>A number, also as 10M, 500k, 2G, 1.5e7 or 2_000_000 (frame budgets).</summary>
    public static double? ParseNumber(string text)
    {
        text = text.Replace("_", "", StringComparison.Ordinal).Trim();
        double scale = 1;
        if (text.Length > 1)
        {
            switch (char.ToLowerInvariant(text[^1]))
            {
                case 'k': scale = 1e3; text = text[..^1]; break;
                case 'm': scale = 1e6; text = text[..^1]; break;
                case 'g': scale = 1e9; text = text[..^1]; break;
            }
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v * scale : null;
    }

    private static IEnumerable<string> ExpandRange(string text, string source)
    {
        var t = text.Trim();
        int dash = t.IndexOf('-', 1);
        if (dash < 0) return [t];
        if (!int.TryParse(t[..dash], out var a) || !int.TryParse(t[(dash + 1)..], out var b) || b < a || b - a > 1000)
            throw new UsageException($"{source}: seeds '{text}' is not a range like 1-5");
        return Enumerable.Range(a, b - a + 1).Select(i => i.ToString(CultureInfo.InvariantCulture));
    }
}
