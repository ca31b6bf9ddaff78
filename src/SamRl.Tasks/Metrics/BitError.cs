namespace SamRl.Tasks.Metrics;

/// <summary>
/// The paper's metric for bit tasks (Fig. 2): "bit error per sequence", the number of wrong bits
/// after thresholding at 0.5, summed over all output steps and bits and divided by the batch size.
/// Arrays are [T_out, B, O] like <see cref="Data.SequenceBatch.Targets"/>.
/// </summary>
public static class BitError
{
    /// <summary>From sigmoid probabilities; p &gt;= 0.5 counts as 1, as in the authors' code.</summary>
    public static double PerSequence(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> targets, int batchSize)
    {
        CheckShapes(probabilities.Length, targets.Length, batchSize);
        var wrong = 0.0;
        for (var i = 0; i < targets.Length; i++) wrong += Math.Abs(Predicted(probabilities[i]) - targets[i]);
        return wrong / batchSize;
    }

    /// <summary>From raw outputs before the sigmoid: sigmoid(y) &gt;= 0.5 exactly when y &gt;= 0.</summary>
    public static double PerSequenceFromLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, int batchSize)
    {
        CheckShapes(logits.Length, targets.Length, batchSize);
        var wrong = 0.0;
        for (var i = 0; i < targets.Length; i++) wrong += Math.Abs((logits[i] >= 0f ? 1f : 0f) - targets[i]);
        return wrong / batchSize;
    }

    /// <summary>
    /// Fraction of sequences whose every output bit is right: the paper's "items perfectly
    /// reconstructed" for RAR.
    /// </summary>
    public static double PerfectSequenceFraction(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> targets, int outputSteps, int batchSize)
    {
        CheckShapes(probabilities.Length, targets.Length, batchSize);
        if (outputSteps < 1 || targets.Length % (outputSteps * batchSize) != 0)
        {
            throw new ArgumentException($"{targets.Length} values do not split into {outputSteps} steps of {batchSize} sequences.", nameof(outputSteps));
        }

        var width = targets.Length / (outputSteps * batchSize);
        var perfect = 0;
        for (var b = 0; b < batchSize; b++)
        {
            var ok = true;
            for (var t = 0; t < outputSteps && ok; t++)
            {
                var start = (t * batchSize + b) * width;
                for (var c = 0; c < width && ok; c++) ok = Predicted(probabilities[start + c]) == targets[start + c];
            }

            if (ok) perfect++;
        }

        return (double)perfect / batchSize;
    }

    private static float Predicted(float probability) => probability < 0.5f ? 0f : 1f;

    private static void CheckShapes(int predicted, int targets, int batchSize)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be at least 1.");
        if (predicted != targets) throw new ArgumentException($"Got {predicted} outputs for {targets} targets.");
        if (targets % batchSize != 0) throw new ArgumentException($"{targets} targets do not split into {batchSize} sequences.");
    }
}
