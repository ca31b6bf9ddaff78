namespace SamRl.Reports;

/// <summary>
/// One A3C run's learning curve as `samrl curve` prints it: the moving average of the unclipped return over the last
/// <c>window</c> games sampled every <c>every</c> frames, and the first frames (and wall time) at which a full window
/// reached each threshold. A view over <see cref="RunSeries"/>, so it reads runs exactly as `samrl compare` does.
/// </summary>
public sealed class LearningCurve
{
    public sealed record Point(long Frames, double WallSeconds, long Games, double MovingAverage);

    public sealed record Crossing(double Threshold, long? Frames, double? WallSeconds);

    private LearningCurve(RunSeries run, IReadOnlyList<Point> points, IReadOnlyList<Crossing> crossings, Point last)
    {
        Run = run;
        Points = points;
        Crossings = crossings;
        Last = last;
    }

    public RunSeries Run { get; }

    public IReadOnlyList<Point> Points { get; }

    public IReadOnlyList<Crossing> Crossings { get; }

    public Point Last { get; }

    /// <summary>The curve of an A3C run folder (see <see cref="RunSeries.Load"/> for what a bad folder raises).</summary>
    public static LearningCurve Read(string runFolder, long every, int window, IReadOnlyList<double> thresholds)
    {
        var run = RunSeries.Load(runFolder);
        if (run.Steps != "frames") throw new InvalidDataException($"{runFolder}: a supervised task run; `samrl curve` reads A3C runs (use `samrl compare` for task runs)");
        return From(run, every, window, thresholds);
    }

    public static LearningCurve From(RunSeries run, long every, int window, IReadOnlyList<double> thresholds)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (every <= 0) throw new ArgumentOutOfRangeException(nameof(every), "the sampling step must be positive");
        if (window <= 0) throw new ArgumentOutOfRangeException(nameof(window), "the window must be positive");
        var ma = RunSeries.MovingAverage(run.Returns, window);
        Point At(int i) => new((long)run.Frames[i], run.Hours[i] * 3600, i + 1, ma[i]);

        var points = new List<Point>();
        long next = every;
        for (int i = 0; i < ma.Length; i++)
            for (; run.Frames[i] >= next; next += every) points.Add(At(i) with { Frames = next });

        var crossings = thresholds.Select(t => RunSeries.FirstFullWindow(ma, t, window) is var i and >= 0
            ? new Crossing(t, (long)run.Frames[i], run.Hours[i] * 3600)
            : new Crossing(t, null, null)).ToList();
        var last = ma.Length > 0 ? At(ma.Length - 1) : new Point(0, 0, 0, double.NaN);
        return new LearningCurve(run, points, crossings, last);
    }
}
