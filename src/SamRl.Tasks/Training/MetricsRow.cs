using System.Globalization;

namespace SamRl.Tasks.Training;

/// <summary>
/// One line of metrics.csv. Train columns are means over the iterations since the previous row (the
/// authors log means over 200-iteration windows); eval columns are empty unless the held-out set was
/// scored at this iteration. <see cref="MetricName"/> says what the metric columns hold:
/// "bit_error" (wrong bits per sequence, lower is better) or "accuracy" (higher is better).
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

    public string ToCsv() => string.Join(
        ',',
        Iteration.ToString(CultureInfo.InvariantCulture),
        Sequences.ToString(CultureInfo.InvariantCulture),
        WallSeconds.ToString("F3", CultureInfo.InvariantCulture),
        Format(TrainLoss),
        Format(TrainMetric),
        EvalLoss is { } l ? Format(l) : "",
        EvalMetric is { } m ? Format(m) : "",
        MetricName);

    /// <summary>Parses a line written by <see cref="ToCsv"/>.</summary>
    public static MetricsRow Parse(string line)
    {
        var f = line.Split(',');
        if (f.Length != 8) throw new FormatException($"metrics row needs 8 fields, got {f.Length}: '{line}'");
        return new MetricsRow(
            long.Parse(f[0], CultureInfo.InvariantCulture),
            long.Parse(f[1], CultureInfo.InvariantCulture),
            double.Parse(f[2], CultureInfo.InvariantCulture),
            double.Parse(f[3], CultureInfo.InvariantCulture),
            double.Parse(f[4], CultureInfo.InvariantCulture),
            f[5].Length == 0 ? null : double.Parse(f[5], CultureInfo.InvariantCulture),
            f[6].Length == 0 ? null : double.Parse(f[6], CultureInfo.InvariantCulture),
            f[7]);
    }

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
