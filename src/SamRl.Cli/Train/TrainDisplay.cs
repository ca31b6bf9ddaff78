using System.Globalization;
using SamRl.Training;
using Spectre.Console;

namespace SamRl.Cli.Train;

/// <summary>
/// Progress of the runs of one `samrl train`: a live table in a terminal (frames, frames/s, games, moving average of
/// the return over the window, best, ETA), or, when the output is a file (nohup), a line per run every
/// <see cref="PlainEvery"/>.
/// </summary>
public static class TrainDisplay
{
    public static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(30);

    public static string Line(RunSlot s)
    {
        if (s.Status is not { } st) return $"{s.Label}: {s.State}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{s.Label}: {Frames(st.Frames)}/{Frames(st.FrameBudget)} frames ({100.0 * st.Frames / st.FrameBudget:F1}%), {st.FramesPerSecond:F0} fps, {st.Updates:N0} updates, {st.Games:N0} games, avg{st.WindowCount} {Avg(st.MovingAverage)}, best {Avg(st.BestMovingAverage)}, {Time(st.WallSeconds)} elapsed, ETA {Eta(st.EtaSeconds)}");
    }

    public static Table Table(IReadOnlyList<RunSlot> slots)
    {
        var t = new Table().Border(TableBorder.Rounded);
        foreach (var c in new[] { "run", "state", "frames", "fps", "games", "avg return", "best", "elapsed", "ETA" }) t.AddColumn(c);
        foreach (var s in slots)
        {
            var st = s.Status;
            t.AddRow(
                Markup.Escape(s.Label),
                Markup.Escape(s.State),
                st is { } a ? $"{Frames(a.Frames)}/{Frames(a.FrameBudget)}" : "",
                st is { } b ? b.FramesPerSecond.ToString("F0", CultureInfo.InvariantCulture) : "",
                st is { } c ? c.Games.ToString("N0", CultureInfo.InvariantCulture) : "",
                st is { } d ? $"{Avg(d.MovingAverage)} ({d.WindowCount})" : "",
                st is { } e ? Avg(e.BestMovingAverage) : "",
                st is { } f ? Time(f.WallSeconds) : "",
                st is { } g ? Eta(g.EtaSeconds) : "");
        }

        return t;
    }

    public static string Frames(long f) => f switch
    {
        >= 10_000_000 => (f / 1e6).ToString("F1", CultureInfo.InvariantCulture) + "M",
        >= 1_000_000 => (f / 1e6).ToString("F2", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (f / 1e3).ToString("F0", CultureInfo.InvariantCulture) + "k",
        _ => f.ToString(CultureInfo.InvariantCulture),
    };

    private static string Avg(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("F2", CultureInfo.InvariantCulture) : "-";

    private static string Eta(double? s) => s is { } x ? Time(x) : "-";

    public static string Time(double seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{(long)(seconds / 3600)}:{(long)(seconds / 60) % 60:00}:{(long)seconds % 60:00}");
}
