namespace SamRl.Tasks.Data;

/// <summary>
/// Priority sort: output the highest-priority input vectors in descending priority (Graves et al.
/// 2014, 32-bit version of the paper's section 3.2).
/// </summary>
/// <remarks>
/// Each input step holds <c>width</c> random bits, the priority U[-1,1) in channel <c>width</c> and
/// an always-zero channel <c>width+1</c> (kept so the input size matches copy, as in the authors'
/// code); there are no delimiters. Equal priorities (possible after rounding to float) keep input order.
/// </remarks>
public sealed class PrioritySortTask : ITaskGenerator
{
    public PrioritySortTask(int width = 32, int inputLength = 20, int outputLength = 16, string name = "priority-sort")
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "Width must be at least 1.");
        if (inputLength < 1) throw new ArgumentOutOfRangeException(nameof(inputLength), inputLength, "Input length must be at least 1.");
        if (outputLength < 1 || outputLength > inputLength)
        {
            throw new ArgumentOutOfRangeException(nameof(outputLength), outputLength, "Output length must be between 1 and the input length.");
        }

        Width = width;
        InputLength = inputLength;
        OutputLength = outputLength;
        Name = name;
    }

    public string Name { get; }

    public int Width { get; }

    public int InputLength { get; }

    public int OutputLength { get; }

    public int InputSize => Width + 2;

    public int OutputSize => Width;

    public InputKind InputKind => InputKind.Dense;

    public TargetKind TargetKind => TargetKind.Bits;

    public SequenceBatch Sample(int batch, Random rng)
    {
        Sampling.CheckBatch(batch);
        ArgumentNullException.ThrowIfNull(rng);

        var inputs = new float[InputLength * batch * InputSize];
        for (var t = 0; t < InputLength; t++)
        {
            for (var b = 0; b < batch; b++)
            {
                var baseIndex = (t * batch + b) * InputSize;
                for (var c = 0; c < Width; c++) inputs[baseIndex + c] = Sampling.Bit(rng);
                inputs[baseIndex + Width] = Sampling.Uniform(rng, -1f, 1f);
            }
        }

        var targets = new float[OutputLength * batch * Width];
        var order = new int[InputLength];
        for (var b = 0; b < batch; b++)
        {
            for (var t = 0; t < InputLength; t++) order[t] = t;
            Array.Sort(order, (x, y) =>
            {
                var byPriority = inputs[(y * batch + b) * InputSize + Width].CompareTo(inputs[(x * batch + b) * InputSize + Width]);
                return byPriority != 0 ? byPriority : x.CompareTo(y);
            });

            for (var k = 0; k < OutputLength; k++)
            {
                Array.Copy(inputs, (order[k] * batch + b) * InputSize, targets, (k * batch + b) * Width, Width);
            }
        }

        return SequenceBatch.WithBitTargets(batch, InputLength, InputSize, inputs, OutputLength, Width, targets);
    }
}
