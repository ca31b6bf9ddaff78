using System.CommandLine;
using System.Globalization;
using SamRl.Tasks.Training;

namespace SamRl.Cli.Commands;

/// <summary>
/// `samrl task runs [folders...] [--curves]`: where each run stands (iterations, current learning rate, last and
/// best held-out metric, test results, wall time) and, with --curves, the held-out metric of every run side by side
/// per evaluation. Reads the run folders only, so it is safe on runs that are still training.
/// </summary>
public static class TaskRunsCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("folders") { Description = "run folders, or folders holding run folders (default: runs)", Arity = ArgumentArity.ZeroOrMore };
        var curves = new Option<bool>("--curves") { Description = "also print the held-out metric of every run at each evaluation, side by side" };
        var cmd = new Command("runs", "Summarise and compare training runs: progress, learning rate, held-out and test metrics.") { paths, curves };
        cmd.SetAction(pr =>
        {
            var given = pr.GetValue(paths) is { Length: > 0 } p ? p : ["runs"];
            var folders = new List<string>();
            foreach (var path in given)
            {
                try
                {
                    folders.AddRange(RunSummary.FindRunFolders(path));
                }
                catch (DirectoryNotFoundException e)
                {
                    throw new UsageException($"no runs: {e.Message} (give a run folder or a folder of runs; `samrl task <name>` starts one)");
                }
            }

            folders = folders.Distinct(StringComparer.Ordinal).ToList();
            if (folders.Count == 0)
            {
                Console.WriteLine($"no run folders (with a config.json) in {string.Join(", ", given)}");
                return 0;
            }

            var runs = new List<RunSummary>();
            var unreadable = 0;
            foreach (var folder in folders)
            {
                try
                {
                    runs.Add(RunSummary.Read(folder));
                }
                catch (InvalidDataException e)
                {
                    unreadable++;
                    Console.Error.WriteLine($"skipped {folder}: {e.Message}");
                }
            }

            PrintSummary(runs);
            if (pr.GetValue(curves)) PrintCurves(runs);
            return unreadable > 0 ? 1 : 0;
        });
        return cmd;
    }

    private static void PrintSummary(IReadOnlyList<RunSummary> runs)
    {
        Console.WriteLine("| # | run | task | model | iterations | lr now | train metric | last eval | best eval | test | wall |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            var c = r.Config;
            var train = r.LastRow is { } row ? $"{TaskCommand.ShortMetricName(r.MetricName)} {TaskCommand.FormatMetric(r.MetricName, row.TrainMetric)}" : "";
            var last = r.LastEval is { } le ? At(r.MetricName, le.Metric, le.Iteration) : "";
            var best = r.BestEval is { } be ? At(r.MetricName, be.Metric, be.Iteration) : "";
            var tests = string.Join("; ", r.Tests.Select(t =>
                string.Create(CultureInfo.InvariantCulture, $"{TaskCommand.FormatMetric(r.MetricName, t.Metric)} ({t.Checkpoint} @ {t.Iteration:N0}, {t.Sequences:N0} seqs)")));
            var lr = c.LearningRateAt(r.Iteration + 1).ToString("G3", CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {i + 1} | {r.RunId} | {c.Task} | {r.ModelLabel()} | {r.Iteration:N0} / {c.Iterations:N0} | {lr} | {train} | {last} | {best} | {tests} | {TaskCommand.FormatTime(r.WallSeconds)} |"));
        }
    }

    private static void PrintCurves(IReadOnlyList<RunSummary> runs)
    {
        var iterations = runs.SelectMany(r => r.Evals.Select(e => e.Iteration)).Distinct().Order().ToList();
        Console.WriteLine();
        if (iterations.Count == 0)
        {
            Console.WriteLine("no held-out evaluations yet");
            return;
        }

        Console.WriteLine($"held-out metric per evaluation (columns: the runs above, by #; {string.Join(", ", runs.Select(r => r.MetricName).Distinct())})");
        Console.WriteLine("| iteration | " + string.Join(" | ", runs.Select((_, i) => $"#{i + 1}")) + " |");
        Console.WriteLine("|---|" + string.Concat(runs.Select(_ => "---|")));
        var byRun = runs.Select(r => r.Evals.GroupBy(e => e.Iteration).ToDictionary(g => g.Key, g => g.Last().Metric)).ToList();
        foreach (var it in iterations)
        {
            var cells = runs.Select((r, i) => byRun[i].TryGetValue(it, out var m) ? TaskCommand.FormatMetric(r.MetricName, m) : "");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {it:N0} | {string.Join(" | ", cells)} |"));
        }
    }

    private static string At(string metricName, double metric, long iteration) =>
        string.Create(CultureInfo.InvariantCulture, $"{TaskCommand.FormatMetric(metricName, metric)} @ {iteration:N0}");
}
