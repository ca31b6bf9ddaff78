using System.Globalization;

namespace SamRl.Training;

/// <summary>
/// An A3C run's learning curve read back from its episodes.csv: the moving average of the unclipped return over
/// the last <c>window</c> games, sampled every <c>every</c> frames, and the first frames (and wall time) at which it
/// reached each threshold (only once the window is full, so a lucky first game does not count).
/// </summary>
public sealed class LearningCurve
{
    public sealed record Point(long Frames, double WallSeconds, long Games, double MovingAverage);

    public sealed record Crossing(double Threshold, long? Frames, double? WallSeconds);

    private LearningCurve(string path, IReadOnlyList<Point> points, IReadOnlyList<Crossing> crossings, Point last)
    {
        Path = path;
        Points = points;
        Crossings = crossings;
        Last = last;
    }

    public string Path { get; }

    public IReadOnlyList<Point> Points { get; }

    public IReadOnlyList<Crossing> Crossings { get; }

    public Point Last { get; }

    /// <summary>Reads <paramref name="runFolder"/>/episodes.csv (columns by header name, so older files read too).</summary>
    public static LearningCurve Read(string runFolder, long every, int window, IReadOnlyList<double> thresholds)
    {
        if (every <= 0) throw new ArgumentOutOfRangeException(nameof(every), "the sampling step must be positive");
        if (window <= 0) throw new ArgumentOutOfRangeException(nameof(window), "the window must be positive");
        string file = System.IO.Path.Combine(runFolder, "episodes.csv");
        if (!File.Exists(file)) throw new FileNotFoundException($"{runFolder}: no episodes.csv (is it an A3C run folder?)", file);
        using var reader = new StreamReader(file);
        var header = (reader.ReadLine() ?? "").Split(',');
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"{file}: no '{name}' column");
        int cFrames = Col("frames"), cWall = Col("wall_seconds"), cReturn = Col("return");
        var ring = new Queue<double>(window);
        double sum = 0;
        long games = 0, next = every;
        var points = new List<Point>();
        var hit = new Dictionary<double, (long, double)>();
        Point last = new(0, 0, 0, double.NaN);
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            var f = line.Split(',');
            if (f.Length != header.Length) continue; // a torn last row of a run still writing
            long frames = long.Parse(f[cFrames], CultureInfo.InvariantCulture);
            double wall = double.Parse(f[cWall], CultureInfo.InvariantCulture);
            double ret = double.Parse(f[cReturn], CultureInfo.InvariantCulture);
            ring.Enqueue(ret);
            sum += ret;
            if (ring.Count > window) sum -= ring.Dequeue();
            games++;
            double ma = sum / ring.Count;
            last = new Point(frames, wall, games, ma);
            for (; frames >= next; next += every) points.Add(last with { Frames = next });
            if (ring.Count == window)
                foreach (var t in thresholds)
                    if (!hit.ContainsKey(t) && ma >= t) hit[t] = (frames, wall);
        }

        var crossings = thresholds.Select(t => hit.TryGetValue(t, out var h) ? new Crossing(t, h.Item1, h.Item2) : new Crossing(t, null, null)).ToList();
        return new LearningCurve(runFolder, points, crossings, last);
    }
}
