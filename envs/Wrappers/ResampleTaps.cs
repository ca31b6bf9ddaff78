namespace SamRl.Envs.Wrappers;

/// <summary>
/// One axis of a separable resize: for each output index, the source indices and weights that make it,
/// computed once so each frame is just multiply-adds.
/// </summary>
internal sealed class ResampleTaps
{
    private ResampleTaps(int[] start, int[] count, float[] weights, int maxTaps)
    {
        Start = start;
        Count = count;
        Weights = weights;
        MaxTaps = maxTaps;
    }

    public int[] Start { get; }

    public int[] Count { get; }

    /// <summary>Weights of output i are at [i * MaxTaps, i * MaxTaps + Count[i]).</summary>
    public float[] Weights { get; }

    public int MaxTaps { get; }

    public static ResampleTaps Create(int source, int destination, Interpolation mode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(source, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination, 1);
        double scale = (double)source / destination;
        // OpenCV's INTER_AREA falls back to bilinear when enlarging.
        return mode == Interpolation.Area && scale > 1 ? Area(source, destination, scale) : Bilinear(source, destination, scale);
    }

    private static ResampleTaps Bilinear(int source, int destination, double scale)
    {
        var start = new int[destination];
        var count = new int[destination];
        var weights = new float[destination * 2];
        for (int d = 0; d < destination; d++)
        {
            double f = ((d + 0.5) * scale) - 0.5;
            int s = (int)Math.Floor(f);
            double frac = f - s;
            if (s < 0)
            {
                s = 0;
                frac = 0;
            }

            if (s >= source - 1)
            {
                s = source - 1;
                frac = 0;
            }

            start[d] = s;
            count[d] = frac == 0 ? 1 : 2;
            weights[2 * d] = (float)(1 - frac);
            weights[(2 * d) + 1] = (float)frac;
        }

        return new ResampleTaps(start, count, weights, 2);
    }

    private static ResampleTaps Area(int source, int destination, double scale)
    {
        int maxTaps = (int)Math.Ceiling(scale) + 1;
        var start = new int[destination];
        var count = new int[destination];
        var weights = new float[destination * maxTaps];
        for (int d = 0; d < destination; d++)
        {
            double lo = d * scale, hi = Math.Min((d + 1) * scale, source);
            int first = (int)Math.Floor(lo);
            int n = 0;
            for (int s = first; s < hi && n < maxTaps; s++, n++)
            {
                double overlap = Math.Min(s + 1, hi) - Math.Max(s, lo);
                weights[(d * maxTaps) + n] = (float)(overlap / (hi - lo));
            }

            start[d] = first;
            count[d] = n;
        }

        return new ResampleTaps(start, count, weights, maxTaps);
    }
}
