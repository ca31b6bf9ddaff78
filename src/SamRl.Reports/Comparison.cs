using MathNet.Numerics.Distributions;

namespace SamRl.Reports;

/// <summary>What the x axis of a comparison counts.</summary>
public enum XAxis { Games, Frames, Hours }

/// <summary>The spread drawn around a group's mean curve: the standard deviation over its runs, or the standard error.</summary>
public enum Band { Std, Stderr }

/// <summary>A group's curve: at each x, the mean over its runs of their moving average and the band's half-width.</summary>
public sealed record GroupCurve(double[] X, double[] Mean, double[] Spread, int[] Runs);

/// <summary>One group's numbers for the table: final moving average over runs, area under the curve, games and frames to reach each threshold.</summary>
public sealed record GroupSummary(string Label, int Runs, double FinalMean, double FinalStd, double Auc, double MeanGames,
    IReadOnlyList<(double Threshold, int Reached, double MeanGames, double MeanFrames)> Crossings);

/// <summary>A Welch t-test between two groups' final moving averages.</summary>
public sealed record WelchResult(string A, string B, double T, double DegreesOfFreedom, double P);

/// <summary>
/// Runs grouped by some of their keys (agent and frame skip by default), each smoothed with a trailing moving average,
/// then per group a mean curve with a band over its runs, a summary and, between agents at each frame skip, a Welch
/// t-test on the final moving averages. Runs of unequal length count where they have data: the mean at x is over
/// the runs that reached x.
/// </summary>
public sealed class Comparison
{
    public Comparison(IReadOnlyList<RunSeries> runs, IReadOnlyList<string> groupBy, int window, XAxis x, Band band, IReadOnlyList<double> thresholds)
    {
        if (runs.Count == 0) throw new ArgumentException("no runs to compare");
        foreach (var k in groupBy)
            if (!RunSeries.KeyNames.Contains(k)) throw new ArgumentException($"cannot group by '{k}'; valid: {string.Join(", ", RunSeries.KeyNames)}");
        GroupBy = groupBy;
        Window = window;
        Axis = x;
        Groups = runs.Where(r => r.Games > 0)
            .GroupBy(r => Label(r))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<RunSeries>)g.ToList());
        Empty = runs.Where(r => r.Games == 0).Select(r => r.Path).ToList();
        Curves = Groups.ToDictionary(g => g.Key, g => Curve(g.Value, window, x, band));
        Summaries = Groups.Select(g => Summarise(g.Key, g.Value, window, thresholds)).ToList();
        Tests = WelchBetweenAgents();
    }

    public IReadOnlyList<string> GroupBy { get; }

    public int Window { get; }

    public XAxis Axis { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<RunSeries>> Groups { get; }

    /// <summary>Runs without a finished game yet: listed, not drawn.</summary>
    public IReadOnlyList<string> Empty { get; }

    public IReadOnlyDictionary<string, GroupCurve> Curves { get; }

    public IReadOnlyList<GroupSummary> Summaries { get; }

    public IReadOnlyList<WelchResult> Tests { get; }

    public string Label(RunSeries r) => string.Join(" ", GroupBy.Select(k => $"{k}={r.Keys[k]}"));

    /// <summary>
    /// The mean curve of some runs. On games, x is the game index; on frames or hours, the runs' moving averages
    /// are sampled on a common grid of 200 points up to the longest run (each run's last value before the point).
    /// </summary>
    public static GroupCurve Curve(IReadOnlyList<RunSeries> runs, int window, XAxis x, Band band)
    {
        var mas = runs.Select(r => RunSeries.MovingAverage(r.Returns, window)).ToArray();
        double[] grid;
        Func<int, double, double?> at;
        if (x == XAxis.Games)
        {
            int n = runs.Max(r => r.Games);
            grid = Enumerable.Range(1, n).Select(i => (double)i).ToArray();
            at = (run, g) => (int)g <= mas[run].Length ? mas[run][(int)g - 1] : null;
        }
        else
        {
            Func<RunSeries, double[]> axis = x == XAxis.Frames ? r => r.Frames : r => r.Hours;
            double end = runs.Max(r => axis(r)[^1]);
            grid = Enumerable.Range(1, 200).Select(i => end * i / 200).ToArray();
            at = (run, v) =>
            {
                var xs = axis(runs[run]);
                if (v > xs[^1] * 1.0000001 && v - xs[^1] > end / 200) return null;
                int i = Array.BinarySearch(xs, v);
                if (i < 0) i = ~i - 1;
                return i < 0 ? null : mas[run][Math.Min(i, mas[run].Length - 1)];
            };
        }

        var mean = new double[grid.Length];
        var spread = new double[grid.Length];
        var count = new int[grid.Length];
        for (int j = 0; j < grid.Length; j++)
        {
            var vs = Enumerable.Range(0, runs.Count).Select(r => at(r, grid[j])).Where(v => v is not null).Select(v => v!.Value).ToArray();
            count[j] = vs.Length;
            if (vs.Length == 0) { mean[j] = double.NaN; continue; }
            mean[j] = vs.Average();
            double sd = vs.Length > 1 ? Math.Sqrt(vs.Sum(v => (v - mean[j]) * (v - mean[j])) / (vs.Length - 1)) : 0;
            spread[j] = band == Band.Std ? sd : sd / Math.Sqrt(vs.Length);
        }

        return new GroupCurve(grid, mean, spread, count);
    }

    private static GroupSummary Summarise(string label, IReadOnlyList<RunSeries> runs, int window, IReadOnlyList<double> thresholds)
    {
        var mas = runs.Select(r => RunSeries.MovingAverage(r.Returns, window)).ToArray();
        var finals = mas.Select(m => m[^1]).ToArray();
        double mean = finals.Average();
        double std = finals.Length > 1 ? Math.Sqrt(finals.Sum(f => (f - mean) * (f - mean)) / (finals.Length - 1)) : 0;
        // Area under the curve per game: the mean of the moving average over the run, averaged over runs.
        double auc = mas.Average(m => m.Average());
        var crossings = thresholds.Select(t =>
        {
            var hits = runs.Select((r, i) => (r, i: RunSeries.FirstFullWindow(mas[i], t, window))).Where(h => h.i >= 0).ToList();
            return (t, hits.Count, hits.Count > 0 ? hits.Average(h => h.i + 1.0) : double.NaN, hits.Count > 0 ? hits.Average(h => h.r.Frames[h.i]) : double.NaN);
        }).ToList();
        return new GroupSummary(label, runs.Count, mean, std, auc, runs.Average(r => (double)r.Games), crossings);
    }


    private List<WelchResult> WelchBetweenAgents()
    {
        var results = new List<WelchResult>();
        if (!GroupBy.Contains("agent")) return results;
        var byRest = Groups.GroupBy(g => string.Join(" ", GroupBy.Where(k => k != "agent").Select(k => $"{k}={g.Value[0].Keys[k]}")));
        foreach (var set in byRest)
        {
            var list = set.ToList();
            for (int i = 0; i < list.Count; i++)
                for (int j = i + 1; j < list.Count; j++)
                {
                    var a = list[i].Value.Select(r => RunSeries.MovingAverage(r.Returns, Window)[^1]).ToArray();
                    var b = list[j].Value.Select(r => RunSeries.MovingAverage(r.Returns, Window)[^1]).ToArray();
                    if (Welch(a, b) is { } w) results.Add(new WelchResult(list[i].Key, list[j].Key, w.T, w.Df, w.P));
                }
        }

        return results;
    }

    /// <summary>Welch's unequal-variance t-test, two-sided; null when either side has fewer than 2 values or both have no spread.</summary>
    public static (double T, double Df, double P)? Welch(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count < 2 || b.Count < 2) return null;
        double ma = a.Average(), mb = b.Average();
        double va = a.Sum(x => (x - ma) * (x - ma)) / (a.Count - 1), vb = b.Sum(x => (x - mb) * (x - mb)) / (b.Count - 1);
        double sa = va / a.Count, sb = vb / b.Count;
        if (sa + sb == 0) return null;
        double t = (ma - mb) / Math.Sqrt(sa + sb);
        double df = (sa + sb) * (sa + sb) / ((sa * sa / (a.Count - 1)) + (sb * sb / (b.Count - 1)));
        double p = 2 * (1 - StudentT.CDF(0, 1, df, Math.Abs(t)));
        return (t, df, p);
    }
}
