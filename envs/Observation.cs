namespace SamRl.Envs;

/// <summary>
/// An observation: a byte or float array plus its shape (row-major, e.g. [210,160,3] for an RGB screen,
/// [80,80] after preprocessing, [4,80,80] after a frame stack). The array may be longer than the shape
/// says; only the first <see cref="Length"/> elements belong to the observation.
/// The arrays are borrowed from the environment that produced them (see <see cref="IEnv"/>).
/// </summary>
public readonly struct Observation
{
    private readonly byte[]? bytes;
    private readonly float[]? floats;
    private readonly int[]? shape;

    public Observation(byte[] bytes, int[] shape)
    {
        this.bytes = bytes;
        this.shape = shape;
        Length = CheckedLength(shape, bytes.Length);
    }

    public Observation(float[] floats, int[] shape)
    {
        this.floats = floats;
        this.shape = shape;
        Length = CheckedLength(shape, floats.Length);
    }

    /// <summary>The "not rendered" observation of a step taken with observe false.</summary>
    public static Observation Empty => default;

    public bool IsEmpty => shape is null;

    public DType DType => floats is null ? DType.UInt8 : DType.Float32;

    public int[] Shape => shape ?? [];

    public int Length { get; }

    /// <summary>The byte array (UInt8 observations only).</summary>
    public byte[] Bytes => bytes ?? throw new InvalidOperationException(IsEmpty ? "the observation is empty (the step was taken with observe false)" : "the observation holds floats, not bytes");

    /// <summary>The float array (Float32 observations only).</summary>
    public float[] Floats => floats ?? throw new InvalidOperationException(IsEmpty ? "the observation is empty (the step was taken with observe false)" : "the observation holds bytes, not floats");

    public ReadOnlySpan<byte> ByteSpan => Bytes.AsSpan(0, Length);

    public ReadOnlySpan<float> FloatSpan => Floats.AsSpan(0, Length);

    /// <summary>A copy that owns its arrays, safe to keep after the next step.</summary>
    public Observation Clone()
    {
        if (IsEmpty)
        {
            return default;
        }

        int[] shapeCopy = (int[])shape!.Clone();
        return floats is null ? new Observation(ByteSpan.ToArray(), shapeCopy) : new Observation(FloatSpan.ToArray(), shapeCopy);
    }

    /// <summary>The values as floats (bytes converted as they are, not scaled), in a new array or in <paramref name="destination"/>.</summary>
    public float[] ToFloats(float[]? destination = null)
    {
        destination ??= new float[Length];
        if (destination.Length < Length)
        {
            throw new ArgumentException($"destination holds {destination.Length} floats, the observation {Length}", nameof(destination));
        }

        if (floats is not null)
        {
            FloatSpan.CopyTo(destination);
        }
        else
        {
            ReadOnlySpan<byte> source = ByteSpan;
            for (int i = 0; i < source.Length; i++)
            {
                destination[i] = source[i];
            }
        }

        return destination;
    }

    public override string ToString() => IsEmpty ? "Observation(empty)" : $"Observation({DType}, [{string.Join(", ", Shape)}])";

    internal static int ElementCount(ReadOnlySpan<int> shape)
    {
        int n = 1;
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException("shape dimensions must be >= 0");
            }

            n = checked(n * d);
        }

        return n;
    }

    private static int CheckedLength(int[] shape, int available)
    {
        int n = ElementCount(shape);
        if (n > available)
        {
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] needs {n} elements, the array holds {available}");
        }

        return n;
    }
}
