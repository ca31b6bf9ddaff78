using System.Globalization;

namespace SamRl.Tasks.Training;

/// <summary>
/// One line of metrics.csv. Train columns are means over the iterations since the previous row (the
/// authors log means over 200-iteration windows); eval columns are empty unless the held-out set was
/// scored at this iteration. <see cref="MetricName"/> says what the metric columns hold:
/// "bit_error" (wrong bits per sequence, lower is better) or "accuracy" (higher is better).
/// A task with extra metrics (<see cref="Data.IPredictionMetrics"/>) adds one eval_&lt;name&gt; column each after
/// metric_name; files without them (every older run) read as before.
/// </summary>
public sealed record MetricsRow(
    long Iteration,
    long Sequences,
    double WallSeconds,
    double TrainLoss,
    double TrainMetric,
    double? EvalLoss,
    double? EvalMetric,
    string MetricName)
{
    public const string Header = "iteration,sequences,wall_seconds,train_loss,train_metric,eval_loss,eval_metric,metric_name";

    /// <summary>Columns before the extra ones.</summary>
    public const int BaseFields = 8;

    /// <summary>Extra evaluation metrics of this row (empty unless the held-out set was scored and the task has any).</summary>
    public IReadOnlyList<NamedMetric> Extra { get; init; } = [];

    /// <summary>The header line for a task whose extra metrics are <paramref name="extraNames"/>.</summary>
    public static string HeaderWith(IReadOnlyList<string>? extraNames) =>
        extraNames is null || extraNames.Count == 0 ? Header : Header + "," + string.Join(',', extraNames.Select(n => "eval_" + n));

    /// <summary>The extra metric names in a header line (its eval_* columns after metric_name).</summary>
    public static IReadOnlyList<string> ExtraNamesIn(string header) =>
        header.Split(',').Skip(BaseFields).Select(c => c.StartsWith("eval_", StringComparison.Ordinal) ? c[5..] : c).ToList();

    /// <summary>The line for this row; <paramref name="extraNames"/> are the file's extra columns, empty where this row has no value.</summary>
    public string ToCsv(IReadOnlyList<string>? extraNames = null)
    {
        var line = BaseCsv();
        if (extraNames is null || extraNames.Count == 0) return line;
        return line + "," + string.Join(',', extraNames.Select(n => Extra.FirstOrDefault(e => e.Name == n) is { } e ? Format(e.Value) : ""));
    }

    private string BaseCsv() => string.Join(
        ',',
        Iteration.ToString(CultureInfo.InvariantCulture),
        Sequences.ToString(CultureInfo.InvariantCulture),
        WallSeconds.ToString("F3", CultureInfo.InvariantCulture),
        Format(TrainLoss),
        Format(TrainMetric),
        EvalLoss is { } l ? Format(l) : "",
        EvalMetric is { } m ? Format(m) : "",
        MetricName);

    /// <summary>
    /// Parses a line written by <see cref="ToCsv"/>. With <paramref name="extraNames"/> (from the header) the extra columns
    /// become <see cref="Extra"/>; without, they are skipped.
    /// </summary>
    public static MetricsRow Parse(string line, IReadOnlyList<string>? extraNames = null)
    {
        var f = line.Split(',');
        var expected = BaseFields + (extraNames?.Count ?? 0);
        if (extraNames is null ? f.Length < BaseFields : f.Length != expected)
            throw new FormatException($"metrics row needs {(extraNames is null ? "at least " : "")}{expected} fields, got {f.Length}: '{line}'");
        var extra = new List<NamedMetric>();
        for (var i = 0; extraNames is not null && i < extraNames.Count; i++)
        {
            var v = f[BaseFields + i];
            if (v.Length > 0) extra.Add(new NamedMetric(extraNames[i], double.Parse(v, CultureInfo.InvariantCulture)));
        }

        return new MetricsRow(
            long.Parse(f[0], CultureInfo.InvariantCulture),
            long.Parse(f[1], CultureInfo.InvariantCulture),
            double.Parse(f[2], CultureInfo.InvariantCulture),
            double.Parse(f[3], CultureInfo.InvariantCulture),
            double.Parse(f[4], CultureInfo.InvariantCulture),
            f[5].Length == 0 ? null : double.Parse(f[5], CultureInfo.InvariantCulture),
            f[6].Length == 0 ? null : double.Parse(f[6], CultureInfo.InvariantCulture),
            f[7])
        {
            Extra = extra,
        };
    }

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
