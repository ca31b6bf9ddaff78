namespace SamRl.Tasks.Metrics;

/// <summary>
/// Classification accuracy for class tasks (nfar, associative retrieval). The authors report
/// nfar as an error (fraction wrong) and associative retrieval as accuracy; error = 1 - accuracy.
/// </summary>
public static class Accuracy
{
    /// <summary>Logits are [B, classes] row-major; the prediction is the first index of the maximum, like torch.argmax.</summary>
    public static double FromLogits(ReadOnlySpan<float> logits, ReadOnlySpan<long> labels, int classes)
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "Need at least one class.");
        if (labels.Length == 0) throw new ArgumentException("Need at least one label.", nameof(labels));
        if (logits.Length != labels.Length * classes)
        {
            throw new ArgumentException($"Expected {labels.Length}x{classes} logits, got {logits.Length}.", nameof(logits));
        }

        var correct = 0;
        for (var b = 0; b < labels.Length; b++)
        {
            if (Argmax(logits.Slice(b * classes, classes)) == labels[b]) correct++;
        }

        return (double)correct / labels.Length;
    }

    public static double FromPredictions(ReadOnlySpan<long> predicted, ReadOnlySpan<long> labels)
    {
        if (labels.Length == 0) throw new ArgumentException("Need at least one label.", nameof(labels));
        if (predicted.Length != labels.Length)
        {
            throw new ArgumentException($"Got {predicted.Length} predictions for {labels.Length} labels.", nameof(predicted));
        }

        var correct = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (predicted[i] == labels[i]) correct++;
        }

        return (double)correct / labels.Length;
    }

    /// <summary>Index of the first maximum, as torch.argmax, except that NaN entries are passed over (0 if all are NaN).</summary>
    public static int Argmax(ReadOnlySpan<float> values)
    {
        if (values.Length == 0) throw new ArgumentException("Argmax of nothing.", nameof(values));
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best] || (float.IsNaN(values[best]) && !float.IsNaN(values[i]))) best = i;
        }

        return best;
    }
}
