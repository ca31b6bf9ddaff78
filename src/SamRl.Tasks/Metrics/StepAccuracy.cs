using SamRl.Tasks.Data;

namespace SamRl.Tasks.Metrics;

/// <summary>
/// Accuracy over output steps for per-step class targets (the paper's Table 3): a step is right when its argmax class is
/// the label, i.e. the predicted one-hot feature matches exactly. Padding steps (<see cref="SequenceBatch.IgnoreLabel"/>)
/// are not counted.
/// </summary>
public static class StepAccuracy
{
    /// <summary>Logits are [T_out, B, classes] row-major and labels [T_out, B]; NaN when every step is padding.</summary>
    public static double FromLogits(ReadOnlySpan<float> logits, ReadOnlySpan<long> labels, int classes) =>
        FromPredictions(Predictions(logits, labels.Length, classes), labels);

    /// <summary>The argmax class of every step (first maximum, as torch.argmax), [T_out * B].</summary>
    public static long[] Predictions(ReadOnlySpan<float> logits, int steps, int classes)
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "Need at least one class.");
        if (logits.Length != steps * classes) throw new ArgumentException($"Expected {steps}x{classes} logits, got {logits.Length}.", nameof(logits));
        var predicted = new long[steps];
        for (var i = 0; i < steps; i++) predicted[i] = Accuracy.Argmax(logits.Slice(i * classes, classes));
        return predicted;
    }

    public static double FromPredictions(ReadOnlySpan<long> predicted, ReadOnlySpan<long> labels)
    {
        if (predicted.Length != labels.Length) throw new ArgumentException($"Got {predicted.Length} predictions for {labels.Length} labels.", nameof(predicted));
        int counted = 0, correct = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] == SequenceBatch.IgnoreLabel) continue;
            counted++;
            if (predicted[i] == labels[i]) correct++;
        }

        return counted == 0 ? double.NaN : (double)correct / counted;
    }

    /// <summary>Steps that are scored (label not <see cref="SequenceBatch.IgnoreLabel"/>).</summary>
    public static int Counted(ReadOnlySpan<long> labels)
    {
        var n = 0;
        foreach (var l in labels) if (l != SequenceBatch.IgnoreLabel) n++;
        return n;
    }
}
