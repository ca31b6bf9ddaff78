using System.Diagnostics;

namespace SamRl.Training;

/// <summary>The run's global counters, updated lock-free from every thread; wall time continues across resumes.</summary>
public sealed class TrainingCounters
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly double _wallOffset;
    private long _frames, _updates, _games;

    public TrainingCounters(long frames = 0, long updates = 0, long games = 0, double wallSeconds = 0)
    {
        _frames = frames;
        _updates = updates;
        _games = games;
        _wallOffset = wallSeconds;
        StartFrames = frames;
    }

    /// <summary>Emulator frames played, summed over every training environment.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Optimizer updates of the shared (or learner) model.</summary>
    public long Updates => Interlocked.Read(ref _updates);

    /// <summary>Games finished.</summary>
    public long Games => Interlocked.Read(ref _games);

    /// <summary>Frames at the start of this session (for frames per second).</summary>
    public long StartFrames { get; }

    /// <summary>Seconds since the run first started (earlier sessions included).</summary>
    public double WallSeconds => _wallOffset + _clock.Elapsed.TotalSeconds;

    /// <summary>Seconds of this session.</summary>
    public double SessionSeconds => _clock.Elapsed.TotalSeconds;

    public long AddFrames(long n) => Interlocked.Add(ref _frames, n);

    public long NextUpdate() => Interlocked.Increment(ref _updates);

    public long NextGame() => Interlocked.Increment(ref _games);
}
