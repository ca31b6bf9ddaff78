namespace SamRl.Envs.Spaces;

/// <summary>A box of arrays with one shape and element type, every element in [Low, High] (scalar bounds, as every Atari space needs).</summary>
public sealed class Box : Space
{
    private readonly int[] shape;

    public Box(float low, float high, int[] shape, DType dtype)
    {
        if (!(low <= high))
        {
            throw new ArgumentException($"Box needs low <= high, got {low} and {high}");
        }

        Low = low;
        High = high;
        this.shape = (int[])shape.Clone();
        DType = dtype;
        Length = Observation.ElementCount(shape);
    }

    public float Low { get; }

    public float High { get; }

    public DType DType { get; }

    public override int[] Shape => (int[])shape.Clone();

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>The 0..255 byte box of a raw screen or image.</summary>
    public static Box Image(params int[] shape) => new(0, 255, shape, DType.UInt8);

    /// <summary>A uniform sample (unbounded sides are sampled from a standard normal, as Gymnasium does).</summary>
    public Observation Sample(Random rng)
    {
        int[] shapeCopy = (int[])shape.Clone();
        if (DType == DType.UInt8)
        {
            var bytes = new byte[Length];
            int lo = (int)MathF.Ceiling(Math.Max(Low, 0)), hi = (int)MathF.Floor(Math.Min(High, 255));
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)rng.Next(lo, hi + 1);
            }

            return new Observation(bytes, shapeCopy);
        }

        var floats = new float[Length];
        bool bounded = float.IsFinite(Low) && float.IsFinite(High);
        for (int i = 0; i < floats.Length; i++)
        {
            floats[i] = bounded ? Low + ((High - Low) * rng.NextSingle()) : (float)Normal(rng);
        }

        return new Observation(floats, shapeCopy);
    }

    public bool Contains(Observation observation)
    {
        if (observation.IsEmpty || observation.DType != DType || !observation.Shape.AsSpan().SequenceEqual(shape))
        {
            return false;
        }

        if (DType == DType.UInt8)
        {
            foreach (byte b in observation.ByteSpan)
            {
                if (b < Low || b > High)
                {
                    return false;
                }
            }

            return true;
        }

        foreach (float f in observation.FloatSpan)
        {
            if (!(f >= Low && f <= High))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => $"Box({Low}, {High}, [{string.Join(", ", shape)}], {DType})";

    private static double Normal(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
