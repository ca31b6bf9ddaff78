namespace SamRl.Tasks.Data;

/// <summary>
/// Copy: reproduce a sequence of random bit vectors after seeing it (Graves et al. 2014, 32-bit
/// version of the paper's section 3.2).
/// </summary>
/// <remarks>
/// Input step 0 is the start flag (channel <c>width</c>), steps 1..L the bits, step L+1 the end flag
/// (channel <c>width+1</c>); the target is the L bit vectors. L is drawn once per batch, as in the
/// authors' loop, so a batch needs no padding.
/// </remarks>
public sealed class CopyTask : IVariableLengthTask
{
    public CopyTask(int width = 32, int minLength = 1, int maxLength = 20, string name = "copy")
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "Width must be at least 1.");
        if (minLength < 1) throw new ArgumentOutOfRangeException(nameof(minLength), minLength, "Minimum length must be at least 1.");
        if (maxLength < minLength) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "Maximum length must be at least the minimum length.");
        Width = width;
        MinLength = minLength;
        MaxLength = maxLength;
        Name = name;
    }

    public string Name { get; }

    public int Width { get; }

    public int MinLength { get; }

    public int MaxLength { get; }

    public string LengthName => "length";

    /// <summary>L: one target vector per input bit vector.</summary>
    public int LengthOf(SequenceBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.OutputSteps;
    }

    public int InputSize => Width + 2;

    public int OutputSize => Width;

    public InputKind InputKind => InputKind.Dense;

    public TargetKind TargetKind => TargetKind.Bits;

    public SequenceBatch Sample(int batch, Random rng)
    {
        Sampling.CheckBatch(batch);
        ArgumentNullException.ThrowIfNull(rng);
        var length = Sampling.IntInclusive(rng, MinLength, MaxLength);
        return Sample(batch, length, rng);
    }

    /// <summary>A batch of a chosen length, e.g. to test generalisation beyond <see cref="MaxLength"/>.</summary>
    public SequenceBatch Sample(int batch, int length, Random rng)
    {
        Sampling.CheckBatch(batch);
        ArgumentNullException.ThrowIfNull(rng);
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "Length must be at least 1.");

        var steps = length + 2;
        var inputs = new float[steps * batch * InputSize];
        var targets = new float[length * batch * Width];
        for (var b = 0; b < batch; b++)
        {
            inputs[b * InputSize + Width] = 1f;
            inputs[((steps - 1) * batch + b) * InputSize + Width + 1] = 1f;
        }

        for (var t = 0; t < length; t++)
        {
            for (var b = 0; b < batch; b++)
            {
                var inBase = ((t + 1) * batch + b) * InputSize;
                var outBase = (t * batch + b) * Width;
                for (var c = 0; c < Width; c++)
                {
                    var bit = Sampling.Bit(rng);
                    inputs[inBase + c] = bit;
                    targets[outBase + c] = bit;
                }
            }
        }

        return SequenceBatch.WithBitTargets(batch, steps, InputSize, inputs, length, Width, targets);
    }
}
