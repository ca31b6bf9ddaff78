using System.Globalization;
using System.Text.Json;

namespace SamRl.Tasks.Training;

/// <summary>One evaluation of a run: on the held-out set (metrics.csv) or on a test set (test-*.json).</summary>
public sealed record EvalPoint(long Iteration, double Loss, double Metric);

/// <summary>A `task test` result (test-best.json or test-latest.json).</summary>
public sealed record TestPoint(string Checkpoint, long Iteration, long Sequences, double Metric);

/// <summary>
/// Where a run stands, read from its folder without loading a model or touching its files, so it works on a run
/// that is still training: the config, the last metrics row, every held-out evaluation and any test results.
/// </summary>
public sealed record RunSummary(
    string RunId,
    string Path,
    TaskConfig Config,
    string MetricName,
    MetricsRow? LastRow,
    IReadOnlyList<EvalPoint> Evals,
    IReadOnlyList<TestPoint> Tests)
{
    /// <summary>Iterations done, as far as metrics.csv says (a running run is ahead of its last checkpoint).</summary>
    public long Iteration => LastRow?.Iteration ?? 0;

    public double WallSeconds => LastRow?.WallSeconds ?? 0;

    /// <summary>True when a higher metric is better (accuracy); bit error is lower-is-better.</summary>
    public bool HigherIsBetter => IsHigherBetter(MetricName);

    public EvalPoint? LastEval => Evals.Count > 0 ? Evals[^1] : null;

    /// <summary>The best held-out evaluation (the earliest one on ties, as the trainer keeps it).</summary>
    public EvalPoint? BestEval
    {
        get
        {
            EvalPoint? best = null;
            foreach (var e in Evals)
                if (best is null || (HigherIsBetter ? e.Metric > best.Metric : e.Metric < best.Metric)) best = e;
            return best;
        }
    }

    public static bool IsHigherBetter(string metricName) => metricName == "accuracy";

    /// <summary>The run folder at <paramref name="path"/>, or the run folders directly inside it, by name.</summary>
    /// <exception cref="DirectoryNotFoundException"><paramref name="path"/> does not exist.</exception>
    public static IReadOnlyList<string> FindRunFolders(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"'{path}' does not exist");
        if (File.Exists(System.IO.Path.Combine(full, RunDirectory.ConfigFile))) return [full];
        return Directory.GetDirectories(full)
            .Where(d => File.Exists(System.IO.Path.Combine(d, RunDirectory.ConfigFile)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Reads the run in <paramref name="folder"/>.</summary>
    /// <exception cref="InvalidDataException">config.json, metrics.csv or a test file cannot be read.</exception>
    public static RunSummary Read(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var full = System.IO.Path.GetFullPath(folder);
        var configPath = System.IO.Path.Combine(full, RunDirectory.ConfigFile);
        TaskConfig config;
        try
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(configPath));
            config = node?["config"]?.Deserialize<TaskConfig>(TaskConfig.JsonOptions) ?? throw new InvalidDataException("no \"config\" section");
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidDataException or NotSupportedException)
        {
            throw new InvalidDataException($"{configPath}: {e.Message}", e);
        }

        var rows = ReadRows(System.IO.Path.Combine(full, RunDirectory.MetricsFile));
        var metricName = rows.Count > 0 ? rows[^1].MetricName : TaskTrainer.MetricNameFor(config.CreateTask());
        var evals = rows.Where(r => r.EvalMetric is not null).Select(r => new EvalPoint(r.Iteration, r.EvalLoss ?? double.NaN, r.EvalMetric!.Value)).ToList();
        var tests = new List<TestPoint>();
        foreach (var which in new[] { "best", "latest" })
        {
            var path = System.IO.Path.Combine(full, $"test-{which}.json");
            if (File.Exists(path)) tests.Add(ReadTest(path, which, metricName));
        }

        return new RunSummary(System.IO.Path.GetFileName(full.TrimEnd(System.IO.Path.DirectorySeparatorChar)), full, config, metricName,
            rows.Count > 0 ? rows[^1] : null, evals, tests);
    }

    // A row being written while we read (no newline yet) is not an error: it is left for the next look.
    private static List<MetricsRow> ReadRows(string path)
    {
        var rows = new List<MetricsRow>();
        if (!File.Exists(path)) return rows;
        string text;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream))
            text = reader.ReadToEnd();
        var lines = text.Split('\n');
        for (var i = 1; i < lines.Length - 1; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0) continue;
            try
            {
                rows.Add(MetricsRow.Parse(line));
            }
            catch (FormatException e)
            {
                throw new InvalidDataException($"{path} line {i + 1}: {e.Message}", e);
            }
        }

        return rows;
    }

    private static TestPoint ReadTest(string path, string which, string metricName)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            return new TestPoint(which, root.GetProperty("iteration").GetInt64(), root.GetProperty("sequences").GetInt64(),
                root.GetProperty(metricName).GetDouble());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>The model in a few words: "stm N=2 d=48 α3=0", "lstm 512" (the authors' baseline) or "lstm 512 pytorch-init".</summary>
    public string ModelLabel()
    {
        var c = Config;
        if (!c.IsStm) return $"lstm {c.LstmHidden}{(c.LstmInit == TaskConfig.LstmInitPyTorch ? " pytorch-init" : "")}";
        var parts = new List<string> { "stm", $"N={c.Slots}", $"d={c.SlotSize}" };
        if (!c.Gates) parts.Add("no gates");
        foreach (var (name, value) in new[] { ("α1", c.Alpha1), ("α2", c.Alpha2), ("α3", c.Alpha3) })
            if (value is { } v) parts.Add($"{name}={v.ToString("G3", CultureInfo.InvariantCulture)}");
        return string.Join(' ', parts);
    }
}
