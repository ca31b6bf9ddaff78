namespace SamRl.Tasks.Metrics;

/// <summary>
/// Mean of the values added since the last <see cref="Reset"/>: the authors log loss and error as the
/// mean over each 200-iteration window, then start over. Weights let a partial last batch count less.
/// </summary>
public sealed class RunningMean
{
    private double _sum;
    private double _weight;

    public long Count { get; private set; }

    /// <summary>The sum of the weights added: with per-batch sizes as weights, the number of sequences.</summary>
    public double Weight => _weight;

    /// <summary>NaN until something is added, so an empty window is not mistaken for a perfect score.</summary>
    public double Mean => _weight > 0 ? _sum / _weight : double.NaN;

    public void Add(double value, double weight = 1.0)
    {
        if (!(weight > 0) || double.IsInfinity(weight)) throw new ArgumentOutOfRangeException(nameof(weight), weight, "Weight must be positive and finite.");
        _sum += value * weight;
        _weight += weight;
        Count++;
    }

    public void Reset()
    {
        _sum = 0;
        _weight = 0;
        Count = 0;
    }
}
