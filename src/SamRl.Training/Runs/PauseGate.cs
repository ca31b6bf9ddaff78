namespace SamRl.Training;

/// <summary>
/// Lets the coordinating thread stop every worker at a safe point (a rollout or update boundary) and act on a
/// consistent state: the checkpoint then holds weights, optimizer, counters and actor generators from one moment.
/// Workers call <see cref="Park"/> at their safe points and <see cref="Leave"/> when they exit.
/// </summary>
public sealed class PauseGate
{
    private readonly object _lock = new();
    private int _participants;
    private int _parked;
    private bool _paused;

    public PauseGate(int participants) => _participants = participants;

    public bool PauseRequested
    {
        get { lock (_lock) return _paused; }
    }

    /// <summary>Blocks while a pause is requested; returns at once otherwise (or when cancelled).</summary>
    public void Park(CancellationToken token)
    {
        lock (_lock)
        {
            if (!_paused) return;
            _parked++;
            Monitor.PulseAll(_lock);
            while (_paused && !token.IsCancellationRequested) Monitor.Wait(_lock, 100);
            _parked--;
        }
    }

    /// <summary>A worker that exits stops counting.</summary>
    public void Leave()
    {
        lock (_lock)
        {
            _participants--;
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Asks every worker to park and waits until all have (or have left). Returns false if it gave up (a worker is stuck).</summary>
    public bool Pause(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_lock)
        {
            _paused = true;
            while (_parked < _participants)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) return false;
                Monitor.Wait(_lock, left);
            }

            return true;
        }
    }

    public void Resume()
    {
        lock (_lock)
        {
            _paused = false;
            Monitor.PulseAll(_lock);
        }
    }
}
