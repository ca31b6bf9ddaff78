using System.Globalization;
using System.Text.Json.Nodes;

namespace SamRl.Reports;

/// <summary>
/// One A3C run as a comparison reads it: its grouping keys from config.json (agent, frame_skip, env, seed, mode) and
/// per finished game the frames and hours at its end and its unclipped return, from episodes.csv.
/// </summary>
public sealed record RunSeries(string Path, IReadOnlyDictionary<string, string> Keys, double[] Frames, double[] Hours, double[] Returns)
{
    public static readonly string[] KeyNames = ["agent", "frame_skip", "env", "seed", "mode"];

    public int Games => Returns.Length;

    /// <summary>Reads a run folder; a missing or malformed file is an <see cref="InvalidDataException"/> naming it.</summary>
    public static RunSeries Load(string folder)
    {
        string config = System.IO.Path.Combine(folder, "config.json");
        string episodes = System.IO.Path.Combine(folder, "episodes.csv");
        if (!Directory.Exists(folder)) throw new InvalidDataException($"{folder}: no such run folder");
        if (!File.Exists(config)) throw new InvalidDataException($"{folder}: no config.json (not a run folder?)");
        if (!File.Exists(episodes)) throw new InvalidDataException($"{folder}: no episodes.csv (not an A3C run, or it has not finished a game yet)");
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(config)); }
        catch (System.Text.Json.JsonException e) { throw new InvalidDataException($"{config}: not valid JSON ({e.Message.Split('.')[0]})"); }
        var settings = root?["config"] as JsonObject ?? throw new InvalidDataException($"{config}: no \"config\" object (not an A3C run folder?)");
        var keys = new Dictionary<string, string>();
        foreach (var k in KeyNames)
            keys[k] = settings[k]?.ToString() ?? "?";

        var frames = new List<double>();
        var hours = new List<double>();
        var returns = new List<double>();
        using var reader = new StreamReader(episodes);
        var header = (reader.ReadLine() ?? "").Split(',');
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"{episodes}: no '{name}' column");
        int cf = Col("frames"), cw = Col("wall_seconds"), cr = Col("return");
        string? line;
        int row = 1;
        while ((line = reader.ReadLine()) != null)
        {
            row++;
            if (line.Length == 0) continue;
            var f = line.Split(',');
            if (f.Length != header.Length)
            {
                if (reader.Peek() < 0) break; // the torn last row of a run still writing
                throw new InvalidDataException($"{episodes}: row {row} has {f.Length} fields, the header {header.Length}");
            }

            bool ok = double.TryParse(f[cf], NumberStyles.Float, CultureInfo.InvariantCulture, out double fr)
                      & double.TryParse(f[cw], NumberStyles.Float, CultureInfo.InvariantCulture, out double w)
                      & double.TryParse(f[cr], NumberStyles.Float, CultureInfo.InvariantCulture, out double r);
            if (!ok) throw new InvalidDataException($"{episodes}: row {row} is not numbers where frames, wall_seconds and return should be");
            frames.Add(fr);
            hours.Add(w / 3600);
            returns.Add(r);
        }

        return new RunSeries(folder, keys, frames.ToArray(), hours.ToArray(), returns.ToArray());
    }

    /// <summary>The trailing mean over the last <paramref name="window"/> values (fewer at the start), as the paper's Fig. 3 smooths.</summary>
    public static double[] MovingAverage(IReadOnlyList<double> values, int window)
    {
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), "the window must be >= 1");
        var ma = new double[values.Count];
        double sum = 0;
        for (int i = 0; i < values.Count; i++)
        {
            sum += values[i];
            if (i >= window) sum -= values[i - window];
            ma[i] = sum / Math.Min(i + 1, window);
        }

        return ma;
    }
}
