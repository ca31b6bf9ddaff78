using System.CommandLine;
using System.Globalization;
using SamRl.Cli.Train;
using SamRl.Reports;

namespace SamRl.Cli.Commands;

/// <summary>
/// `samrl curve runs/&lt;id&gt; ...`: the learning curve of A3C runs from their episodes.csv, as the README reports it: the
/// moving-average return every N frames with wall time, and the frames (and time) to reach each threshold.
/// Safe on runs still training.
/// </summary>
public static class CurveCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("runs") { Description = "A3C run folders (runs/<run-id>)", Arity = ArgumentArity.OneOrMore };
        var every = new Option<string>("--every") { Description = "frames between rows: 250k, 1M, 5e5", DefaultValueFactory = _ => "250k" };
        var window = new Option<int>("--window") { Description = "games in the moving average", DefaultValueFactory = _ => 100 };
        var thresholds = new Option<string>("--thresholds") { Description = "comma-separated returns to report the first crossing of", DefaultValueFactory = _ => "-15,-10,0" };
        var cmd = new Command("curve", "Moving-average return of A3C runs over frames and wall time, and frames to reach given returns.")
        {
            runs, every, window, thresholds,
        };
        cmd.SetAction(pr =>
        {
            long step = ConfigLayers.ParseNumber(pr.GetValue(every) ?? "") is { } e && e >= 1 ? (long)e : throw new UsageException($"--every must be a positive frame count (250k, 1M), got '{pr.GetValue(every)}'");
            int w = pr.GetValue(window);
            if (w < 1) throw new UsageException("--window must be >= 1");
            var ts = CliLists.Numbers(pr.GetValue(thresholds), "--thresholds");
            foreach (var run in pr.GetValue(runs) ?? [])
            {
                LearningCurve curve;
                try
                {
                    curve = LearningCurve.Read(run, step, w, ts);
                }
                catch (InvalidDataException ex)
                {
                    throw new UsageException(ex.Message.Split('\n')[0]);
                }

                Console.WriteLine($"{run}: {curve.Last.Games:N0} games, {curve.Last.Frames:N0} frames, {TrainDisplay.Time(curve.Last.WallSeconds)} wall, moving average {Avg(curve.Last.MovingAverage)}");
                Console.WriteLine($"| frames | wall time | games | moving average ({w}) |");
                Console.WriteLine("|---|---|---|---|");
                foreach (var p in curve.Points)
                    Console.WriteLine($"| {TrainDisplay.Frames(p.Frames)} | {TrainDisplay.Time(p.WallSeconds)} | {p.Games:N0} | {Avg(p.MovingAverage)} |");
                foreach (var c in curve.Crossings)
                    Console.WriteLine(c.Frames is { } f
                        ? $"reached {c.Threshold.ToString(CultureInfo.InvariantCulture)}: at {f:N0} frames, {TrainDisplay.Time(c.WallSeconds!.Value)}"
                        : $"reached {c.Threshold.ToString(CultureInfo.InvariantCulture)}: not yet");
                Console.WriteLine();
            }

            return 0;
        });
        return cmd;
    }

    private static string Avg(double v) => double.IsNaN(v) ? "-" : v.ToString("F2", CultureInfo.InvariantCulture);
}
