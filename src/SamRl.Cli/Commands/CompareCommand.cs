using System.CommandLine;
using System.Globalization;
using SamRl.Reports;

namespace SamRl.Cli.Commands;

/// <summary>
/// `samrl compare runs/...`: the moving-average return of A3C runs grouped (by agent and frame skip by default), a mean
/// line with a band over seeds per group, a summary table (terminal and CSV), Welch t-tests between agents, and an
/// SVG and a self-contained HTML report. Safe on runs still training.
/// </summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("runs") { Description = "A3C run folders, or globs of them (runs/pong-*); supervised task runs compare their held-out metric (use --group agent,env --window 1)", Arity = ArgumentArity.OneOrMore };
        var group = new Option<string>("--group") { Description = $"keys to group runs by: {string.Join(", ", RunSeries.KeyNames)}", DefaultValueFactory = _ => "agent,frame_skip" };
        var window = new Option<int>("--window") { Description = "games in the moving average", DefaultValueFactory = _ => 100 };
        var x = new Option<string>("--x") { Description = "x axis: games, frames or hours", DefaultValueFactory = _ => "games" };
        var band = new Option<string>("--band") { Description = "band over a group's runs: std or stderr", DefaultValueFactory = _ => "std" };
        var thresholds = new Option<string>("--thresholds") { Description = "returns to report games and frames to reach", DefaultValueFactory = _ => "-15,-10,0" };
        var output = new Option<string>("--out") { Description = "folder for report.svg, report.html and summary.csv", DefaultValueFactory = _ => "report" };
        var watch = new Option<bool>("--watch") { Description = "keep refreshing the report (every --every seconds) while the runs train; Ctrl+C stops" };
        var every = new Option<double>("--every") { Description = "seconds between refreshes with --watch", DefaultValueFactory = _ => 30 };
        var cmd = new Command("compare", "Compare A3C runs: moving-average return per group with a band over seeds, summary table, t-tests, SVG and HTML report.")
        {
            runs, group, window, x, band, thresholds, output, watch, every,
        };
        cmd.SetAction(pr =>
        {
            int w = pr.GetValue(window);
            if (w < 1) throw new UsageException("--window must be >= 1");
            var axis = pr.GetValue(x) switch
            {
                "games" => XAxis.Games, "frames" => XAxis.Frames, "hours" => XAxis.Hours,
                var o => throw new UsageException($"--x: unknown '{o}'; valid: games, frames, hours"),
            };
            var spread = pr.GetValue(band) switch
            {
                "std" => Band.Std, "stderr" => Band.Stderr,
                var o => throw new UsageException($"--band: unknown '{o}'; valid: std, stderr"),
            };
            var keys = CliLists.Items(pr.GetValue(group), "--group", required: false);
            foreach (var k in keys)
                if (!RunSeries.KeyNames.Contains(k)) throw new UsageException($"--group: unknown key '{k}'; valid: {string.Join(", ", RunSeries.KeyNames)}");
            var ts = CliLists.Numbers(pr.GetValue(thresholds), "--thresholds");

            if (pr.GetValue(every) <= 0) throw new UsageException("--every must be positive");
            if (!pr.GetValue(watch)) return Report(pr.GetValue(runs) ?? [], keys, w, axis, spread, ts, pr.GetValue(output)!);
            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    Report(pr.GetValue(runs) ?? [], keys, w, axis, spread, ts, pr.GetValue(output)!);
                    Console.WriteLine($"refreshed {DateTime.Now:HH:mm:ss}; next in {pr.GetValue(every)} s (Ctrl+C stops)");
                    stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(pr.GetValue(every)));
                }
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }

            return 0;
        });
        return cmd;
    }

    private static int Report(string[] patterns, List<string> keys, int w, XAxis axis, Band spread, List<double> ts, string output)
    {
        var folders = Expand(patterns);
        var series = new List<RunSeries>();
        foreach (var f in folders)
        {
            try { series.Add(RunSeries.Load(f)); }
            catch (InvalidDataException e) { throw new UsageException(e.Message); }
        }

        // Thresholds are returns to reach from below; a task's metric (an error rate, say) has no such direction here.
        bool tasks = series.Count > 0 && series.All(r => r.Steps == "iterations");
        var c = new Comparison(series, keys, w, axis, spread, tasks ? [] : ts);
        foreach (var e in c.Empty) Console.Error.WriteLine($"samrl: {e}: no finished game yet; left out");
        if (c.Groups.Count == 0) throw new UsageException("none of the runs has finished a game yet");
        var rows = ComparisonReport.Rows(c);
        Console.WriteLine("| " + string.Join(" | ", rows[0]) + " |");
        Console.WriteLine("|" + string.Concat(rows[0].Select(_ => "---|")));
        foreach (var r in rows.Skip(1)) Console.WriteLine("| " + string.Join(" | ", r) + " |");
        foreach (var line in ComparisonReport.TestLines(c)) Console.WriteLine(line);
        var files = ComparisonReport.Write(c, output, tasks ? $"Held-out {series[0].Metric}, moving average over {w} evaluations" : $"Return, moving average over {w} games");
        Console.WriteLine($"report: {string.Join(", ", files)}");
        return 0;
    }

    /// <summary>Folders as given, with * and ? in the last path part expanded (sorted); a pattern that matches nothing is an error.</summary>
    private static List<string> Expand(IEnumerable<string> args)
    {
        var list = new List<string>();
        foreach (var a in args)
        {
            if (!a.Contains('*') && !a.Contains('?')) { list.Add(a); continue; }
            string dir = Path.GetDirectoryName(a) is { Length: > 0 } d ? d : ".";
            var matches = Directory.Exists(dir) ? Directory.GetDirectories(dir, Path.GetFileName(a)).Order(StringComparer.Ordinal).ToList() : [];
            if (matches.Count == 0) throw new UsageException($"'{a}' matches no run folder");
            list.AddRange(matches);
        }

        return list;
    }
}
