namespace SamRl.Training;

/// <summary>The mean of the last <see cref="Window"/> values (the paper's Fig. 3: window 100 over games).</summary>
public sealed class MovingAverage
{
    private readonly Queue<double> _values = new();
    private double _sum;

    public MovingAverage(int window, IEnumerable<double>? initial = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        Window = window;
        if (initial is not null) foreach (var v in initial) Add(v);
    }

    public int Window { get; }

    public int Count => _values.Count;

    /// <summary>The mean so far (of fewer than Window values early on); NaN before the first.</summary>
    public double Value => _values.Count == 0 ? double.NaN : _sum / _values.Count;

    public bool IsFull => _values.Count == Window;

    public IReadOnlyList<double> Values => _values.ToArray();

    public void Add(double v)
    {
        _values.Enqueue(v);
        _sum += v;
        if (_values.Count > Window) _sum -= _values.Dequeue();
    }
}
