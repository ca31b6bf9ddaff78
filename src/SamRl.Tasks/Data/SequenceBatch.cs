namespace SamRl.Tasks.Data;

/// <summary>
/// One mini-batch of a supervised sequence task as plain arrays, time-major like the authors' code
/// so that a [T, B, ...] tensor can be made from an array without reordering.
/// </summary>
/// <remarks>
/// A trainer feeds the <see cref="InputSteps"/> input steps, then, for <see cref="TargetKind.Bits"/>,
/// <see cref="OutputSteps"/> all-zero steps whose sigmoid outputs are compared with <see cref="Targets"/>;
/// for <see cref="TargetKind.Class"/> it reads the logits at the last input step against <see cref="Labels"/>;
/// for <see cref="TargetKind.StepClasses"/> it feeds the output steps as for bits and scores each against <see cref="Labels"/> [T_out, B].
/// Exactly one of <see cref="Inputs"/> / <see cref="Tokens"/> and one of <see cref="Targets"/> /
/// <see cref="Labels"/> is set, as told by <see cref="InputKind"/> and <see cref="TargetKind"/>.
/// </remarks>
public sealed class SequenceBatch
{
    private SequenceBatch(
        int batchSize, int inputSteps, int inputSize, InputKind inputKind, float[]? inputs, long[]? tokens,
        int outputSteps, int outputSize, TargetKind targetKind, float[]? targets, long[]? labels)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be at least 1.");
        if (inputSteps < 1) throw new ArgumentOutOfRangeException(nameof(inputSteps), inputSteps, "A sequence needs at least one input step.");
        if (inputSize < 1) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "Input size must be at least 1.");
        if (outputSize < 1) throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, "Output size must be at least 1.");

        BatchSize = batchSize;
        InputSteps = inputSteps;
        InputSize = inputSize;
        InputKind = inputKind;
        Inputs = inputs;
        Tokens = tokens;
        OutputSteps = outputSteps;
        OutputSize = outputSize;
        TargetKind = targetKind;
        Targets = targets;
        Labels = labels;

        if (inputKind == InputKind.Dense) RequireLength(inputs, inputSteps * batchSize * inputSize, nameof(inputs));
        else RequireTokens(tokens, inputSteps * batchSize, inputSize);

        if (targetKind == TargetKind.Bits)
        {
            if (outputSteps < 1) throw new ArgumentOutOfRangeException(nameof(outputSteps), outputSteps, "Bit targets need at least one output step.");
            RequireLength(targets, outputSteps * batchSize * outputSize, nameof(targets));
        }
        else if (targetKind == TargetKind.StepClasses)
        {
            if (outputSteps < 1) throw new ArgumentOutOfRangeException(nameof(outputSteps), outputSteps, "Per-step class targets need at least one output step.");
            RequireLabels(labels, outputSteps * batchSize, outputSize, allowIgnore: true);
        }
        else
        {
            if (outputSteps != 0) throw new ArgumentOutOfRangeException(nameof(outputSteps), outputSteps, "Class targets are read at the last input step, so there are no output steps.");
            RequireLabels(labels, batchSize, outputSize, allowIgnore: false);
        }
    }

    /// <summary>The label of a padding step in <see cref="TargetKind.StepClasses"/> targets: not scored.</summary>
    public const long IgnoreLabel = -1;

    /// <summary>B: sequences in the batch.</summary>
    public int BatchSize { get; }

    /// <summary>T_in: steps that carry task input.</summary>
    public int InputSteps { get; }

    /// <summary>T_out: all-zero steps fed after the inputs, one per target vector (0 for class targets).</summary>
    public int OutputSteps { get; }

    /// <summary>I: features per input step, or the vocabulary size when the inputs are tokens.</summary>
    public int InputSize { get; }

    /// <summary>O: bits per output step, or the number of classes.</summary>
    public int OutputSize { get; }

    public InputKind InputKind { get; }

    public TargetKind TargetKind { get; }

    /// <summary>Dense inputs, [T_in, B, I]; null for token inputs.</summary>
    public float[]? Inputs { get; }

    /// <summary>Token ids, [T_in, B]; null for dense inputs.</summary>
    public long[]? Tokens { get; }

    /// <summary>0/1 targets, [T_out, B, O]; null for class targets.</summary>
    public float[]? Targets { get; }

    /// <summary>Class ids in [0, O): [B] for class targets, [T_out, B] for per-step class targets (-1 = padding); null for bit targets.</summary>
    public long[]? Labels { get; }

    /// <summary>Steps the model runs in all: inputs, then the zero-input output steps.</summary>
    public int TotalSteps => InputSteps + OutputSteps;

    /// <summary>[T_in, B, I] for dense inputs, [T_in, B] for tokens.</summary>
    public int[] InputShape => InputKind == InputKind.Dense ? [InputSteps, BatchSize, InputSize] : [InputSteps, BatchSize];

    /// <summary>[T_out, B, O] for bit targets, [B] for class targets, [T_out, B] for per-step class targets.</summary>
    public int[] TargetShape => TargetKind switch
    {
        TargetKind.Bits => [OutputSteps, BatchSize, OutputSize],
        TargetKind.StepClasses => [OutputSteps, BatchSize],
        _ => [BatchSize],
    };

    /// <summary>Rows of <see cref="Labels"/>: T_out for per-step class targets, else 1.</summary>
    private int LabelSteps => TargetKind == TargetKind.StepClasses ? OutputSteps : 1;

    public static SequenceBatch WithBitTargets(
        int batchSize, int inputSteps, int inputSize, float[] inputs, int outputSteps, int outputSize, float[] targets) =>
        new(batchSize, inputSteps, inputSize, InputKind.Dense, inputs, null, outputSteps, outputSize, TargetKind.Bits, targets, null);

    public static SequenceBatch WithClassTargets(
        int batchSize, int inputSteps, int inputSize, float[] inputs, int classes, long[] labels) =>
        new(batchSize, inputSteps, inputSize, InputKind.Dense, inputs, null, 0, classes, TargetKind.Class, null, labels);

    public static SequenceBatch TokensWithClassTargets(
        int batchSize, int inputSteps, int vocabulary, long[] tokens, int classes, long[] labels) =>
        new(batchSize, inputSteps, vocabulary, InputKind.Tokens, null, tokens, 0, classes, TargetKind.Class, null, labels);

    /// <summary>
    /// Dense inputs with one class per output step: <paramref name="labels"/> is [T_out, B] time-major, each in
    /// [0, <paramref name="classes"/>) or <see cref="IgnoreLabel"/> for a padding step.
    /// </summary>
    public static SequenceBatch WithStepClassTargets(
        int batchSize, int inputSteps, int inputSize, float[] inputs, int outputSteps, int classes, long[] labels) =>
        new(batchSize, inputSteps, inputSize, InputKind.Dense, inputs, null, outputSteps, classes, TargetKind.StepClasses, null, labels);

    /// <summary>Label of sequence <paramref name="b"/> at output step <paramref name="t"/> (per-step class targets).</summary>
    public long LabelAt(int t, int b) =>
        TargetKind == TargetKind.StepClasses ? Required(Labels, "labels")[t * BatchSize + b] : throw new InvalidOperationException("This batch has no per-step labels.");

    /// <summary>Dense input of sequence <paramref name="b"/> at step <paramref name="t"/>, channel <paramref name="c"/>.</summary>
    public float InputAt(int t, int b, int c) => Required(Inputs, "dense inputs")[(t * BatchSize + b) * InputSize + c];

    /// <summary>Token of sequence <paramref name="b"/> at step <paramref name="t"/>.</summary>
    public long TokenAt(int t, int b) => Required(Tokens, "tokens")[t * BatchSize + b];

    /// <summary>Target bit of sequence <paramref name="b"/> at output step <paramref name="t"/>, bit <paramref name="c"/>.</summary>
    public float TargetAt(int t, int b, int c) => Required(Targets, "bit targets")[(t * BatchSize + b) * OutputSize + c];

    /// <summary>
    /// The sequences at <paramref name="indices"/> (repeats allowed), in that order, as a new batch;
    /// used to cut shuffled mini-batches out of a fixed data set.
    /// </summary>
    public SequenceBatch Gather(ReadOnlySpan<int> indices)
    {
        if (indices.Length == 0) throw new ArgumentException("Gather needs at least one index.", nameof(indices));
        foreach (var i in indices)
        {
            if ((uint)i >= (uint)BatchSize) throw new ArgumentOutOfRangeException(nameof(indices), i, $"Index outside the batch of {BatchSize}.");
        }

        var n = indices.Length;
        return new SequenceBatch(
            n, InputSteps, InputSize, InputKind,
            Inputs is null ? null : GatherTimeMajor(Inputs, InputSteps, BatchSize, InputSize, indices),
            Tokens is null ? null : GatherTimeMajor(Tokens, InputSteps, BatchSize, 1, indices),
            OutputSteps, OutputSize, TargetKind,
            Targets is null ? null : GatherTimeMajor(Targets, OutputSteps, BatchSize, OutputSize, indices),
            Labels is null ? null : GatherTimeMajor(Labels, LabelSteps, BatchSize, 1, indices));
    }

    /// <summary>Joins batches of one layout along the batch axis.</summary>
    public static SequenceBatch Concat(IReadOnlyList<SequenceBatch> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0) throw new ArgumentException("Concat needs at least one batch.", nameof(parts));
        var first = parts[0];
        foreach (var p in parts)
        {
            if (p.InputSteps != first.InputSteps || p.OutputSteps != first.OutputSteps || p.InputSize != first.InputSize
                || p.OutputSize != first.OutputSize || p.InputKind != first.InputKind || p.TargetKind != first.TargetKind)
            {
                throw new ArgumentException(
                    $"Cannot join batches of different layouts ({first.InputSteps}+{first.OutputSteps} steps vs {p.InputSteps}+{p.OutputSteps}); " +
                    "variable-length tasks need min length = max length here.", nameof(parts));
            }
        }

        var total = parts.Sum(p => p.BatchSize);
        return new SequenceBatch(
            total, first.InputSteps, first.InputSize, first.InputKind,
            first.Inputs is null ? null : ConcatTimeMajor(parts, p => p.Inputs!, first.InputSteps, first.InputSize, total),
            first.Tokens is null ? null : ConcatTimeMajor(parts, p => p.Tokens!, first.InputSteps, 1, total),
            first.OutputSteps, first.OutputSize, first.TargetKind,
            first.Targets is null ? null : ConcatTimeMajor(parts, p => p.Targets!, first.OutputSteps, first.OutputSize, total),
            first.Labels is null ? null : ConcatTimeMajor(parts, p => p.Labels!, first.LabelSteps, 1, total));
    }

    private static T[] GatherTimeMajor<T>(T[] source, int steps, int batch, int width, ReadOnlySpan<int> indices)
    {
        var n = indices.Length;
        var result = new T[steps * n * width];
        for (var t = 0; t < steps; t++)
        {
            for (var j = 0; j < n; j++)
            {
                Array.Copy(source, (t * batch + indices[j]) * width, result, (t * n + j) * width, width);
            }
        }

        return result;
    }

    private static T[] ConcatTimeMajor<T>(IReadOnlyList<SequenceBatch> parts, Func<SequenceBatch, T[]> select, int steps, int width, int total)
    {
        var result = new T[steps * total * width];
        var offset = 0;
        foreach (var p in parts)
        {
            var source = select(p);
            var rowLength = p.BatchSize * width;
            for (var t = 0; t < steps; t++)
            {
                Array.Copy(source, t * rowLength, result, (t * total + offset) * width, rowLength);
            }

            offset += p.BatchSize;
        }

        return result;
    }

    private static T[] Required<T>(T[]? array, string what) =>
        array ?? throw new InvalidOperationException($"This batch has no {what}.");

    private static void RequireLength<T>(T[]? array, int expected, string name)
    {
        if (array is null) throw new ArgumentNullException(name);
        if (array.Length != expected) throw new ArgumentException($"Expected {expected} values, got {array.Length}.", name);
    }

    private static void RequireTokens(long[]? tokens, int expected, int vocabulary)
    {
        RequireLength(tokens, expected, nameof(tokens));
        foreach (var id in tokens!)
        {
            if (id < 0 || id >= vocabulary) throw new ArgumentException($"Token {id} is outside the vocabulary of {vocabulary}.", nameof(tokens));
        }
    }

    private static void RequireLabels(long[]? labels, int expected, int classes, bool allowIgnore)
    {
        RequireLength(labels, expected, nameof(labels));
        foreach (var label in labels!)
        {
            if (allowIgnore && label == IgnoreLabel) continue;
            if (label < 0 || label >= classes) throw new ArgumentException($"Label {label} is outside [0, {classes}).", nameof(labels));
        }
    }
}
