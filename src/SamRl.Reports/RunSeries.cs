using System.Globalization;
using System.Text.Json.Nodes;

namespace SamRl.Reports;

/// <summary>
/// One run as a comparison reads it. An A3C run: its grouping keys from config.json (agent, frame_skip, env, seed,
/// mode) and per finished game the frames and hours at its end and its unclipped return, from episodes.csv. A
/// supervised task run: per held-out evaluation in metrics.csv the iteration, hours and metric (bit error, accuracy,
/// ...), with the task as env and the model as agent, so the same grouping applies.
/// </summary>
public sealed record RunSeries(string Path, IReadOnlyDictionary<string, string> Keys, double[] Frames, double[] Hours, double[] Returns)
{
    public static readonly string[] KeyNames = ["agent", "frame_skip", "env", "seed", "mode"];

    public int Games => Returns.Length;

    /// <summary>What the values are: "return" for an A3C run, the task's metric name (e.g. bit_error) for a task run.</summary>
    public string Metric { get; init; } = "return";

    /// <summary>What <see cref="Frames"/> counts: "frames" (A3C) or "iterations" (a task run).</summary>
    public string Steps { get; init; } = "frames";

    /// <summary>Reads a run folder; a missing or malformed file is an <see cref="InvalidDataException"/> naming it.</summary>
    public static RunSeries Load(string folder)
    {
        string config = System.IO.Path.Combine(folder, "config.json");
        string episodes = System.IO.Path.Combine(folder, "episodes.csv");
        if (!Directory.Exists(folder)) throw new InvalidDataException($"{folder}: no such run folder");
        if (!File.Exists(config)) throw new InvalidDataException($"{folder}: no config.json (not a run folder?)");
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(config)); }
        catch (System.Text.Json.JsonException e) { throw new InvalidDataException($"{config}: not valid JSON ({e.Message.Split('.')[0]})"); }
        var settings = root?["config"] as JsonObject ?? throw new InvalidDataException($"{config}: no \"config\" object (not a run folder?)");
        if (settings["task"] is not null && File.Exists(System.IO.Path.Combine(folder, "metrics.csv"))) return LoadTask(folder, settings);
        if (!File.Exists(episodes)) throw new InvalidDataException($"{folder}: no episodes.csv (not an A3C run, or it has not finished a game yet)");
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

    // A task run: its held-out evaluations (rows with an eval_metric) over iterations.
    private static RunSeries LoadTask(string folder, JsonObject settings)
    {
        string metrics = System.IO.Path.Combine(folder, "metrics.csv");
        var keys = new Dictionary<string, string>
        {
            ["agent"] = settings["model"]?.ToString() ?? "?",
            ["frame_skip"] = "-",
            ["env"] = settings["task"]?.ToString() ?? "?",
            ["seed"] = settings["seed"]?.ToString() ?? "?",
            ["mode"] = "-",
        };
        var its = new List<double>();
        var hours = new List<double>();
        var values = new List<double>();
        string name = "metric";
        using var reader = new StreamReader(metrics);
        var header = (reader.ReadLine() ?? "").Split(',');
        int Col(string n) => Array.IndexOf(header, n) is var i and >= 0 ? i : throw new InvalidDataException($"{metrics}: no '{n}' column");
        int ci = Col("iteration"), cw = Col("wall_seconds"), cm = Col("eval_metric"), cn = Col("metric_name");
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            var f = line.Split(',');
            if (f.Length != header.Length || f[cm].Length == 0) continue; // training-only rows, or a torn last row
            if (!double.TryParse(f[cm], NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                || !double.TryParse(f[ci], NumberStyles.Float, CultureInfo.InvariantCulture, out double it)
                || !double.TryParse(f[cw], NumberStyles.Float, CultureInfo.InvariantCulture, out double w))
                throw new InvalidDataException($"{metrics}: an evaluation row is not numbers: '{line}'");
            its.Add(it);
            hours.Add(w / 3600);
            values.Add(v);
            name = f[cn];
        }

        return new RunSeries(folder, keys, its.ToArray(), hours.ToArray(), values.ToArray()) { Metric = name, Steps = "iterations" };
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

    /// <summary>
    /// The first index at which a full window's moving average reaches <paramref name="threshold"/>, or -1: a lucky
    /// first game does not count as reaching it.
    /// </summary>
    public static int FirstFullWindow(IReadOnlyList<double> movingAverage, double threshold, int window)
    {
        for (int i = window - 1; i < movingAverage.Count; i++)
            if (movingAverage[i] >= threshold) return i;
        return -1;
    }
}
