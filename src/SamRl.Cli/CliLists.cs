using System.Globalization;

namespace SamRl.Cli;

/// <summary>Comma-separated option values (--threads 1,2; --thresholds -15,-10,0), each bad item a one-line usage error.</summary>
public static class CliLists
{
    /// <summary>The trimmed, non-empty items of <paramref name="text"/>; with <paramref name="required"/> at least one.</summary>
    public static List<string> Items(string? text, string option, bool required = true)
    {
        var items = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (required && items.Count == 0) throw new UsageException($"{option} needs at least one value");
        return items;
    }

    public static List<T> Parse<T>(string? text, string option, Func<string, T> parse, bool required = true) =>
        Items(text, option, required).Select(parse).ToList();

    public static List<double> Numbers(string? text, string option, bool required = false) =>
        Parse(text, option, s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw new UsageException($"{option}: '{s}' is not a number"), required);

    public static List<int> Counts(string? text, string option) =>
        Parse(text, option, s => Count(s, option));

    /// <summary>A whole number >= 1.</summary>
    public static int Count(string s, string option) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 1
            ? n
            : throw new UsageException($"{option}: '{s}' is not a count >= 1");
}
