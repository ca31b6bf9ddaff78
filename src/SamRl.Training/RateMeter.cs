namespace SamRl.Training;

/// <summary>Frames per second over roughly the last half minute (the session average until then), for progress displays.</summary>
internal sealed class RateMeter(long frames, double seconds)
{
    private readonly Queue<(long Frames, double Seconds)> _samples = new([(frames, seconds)]);

    public double Update(long frames, double seconds)
    {
        _samples.Enqueue((frames, seconds));
        while (_samples.Count > 2 && seconds - _samples.Peek().Seconds > 30) _samples.Dequeue();
        var (f0, s0) = _samples.Peek();
        return seconds > s0 ? (frames - f0) / (seconds - s0) : 0;
    }
}
