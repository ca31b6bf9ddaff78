using SamRl.Tasks.Metrics;

namespace SamRl.Tasks.Tests.Metrics;

public class AccuracyTests
{
    [Fact]
    public void ArgmaxOfLogitsAgainstLabels()
    {
        // B = 3, 3 classes: predictions 2, 0 (tie goes to the first), 1.
        float[] logits = [0.1f, -2f, 3f, 5f, 5f, 1f, -1f, 0f, -3f];
        Assert.Equal(2.0 / 3, Accuracy.FromLogits(logits, [2, 1, 1], classes: 3), 12);
        Assert.Equal(1.0, Accuracy.FromLogits(logits, [2, 0, 1], classes: 3));
    }

    [Fact]
    public void PredictedLabels()
    {
        Assert.Equal(0.75, Accuracy.FromPredictions([1, 2, 3, 4], [1, 2, 3, 0]));
        Assert.Throws<ArgumentException>(() => Accuracy.FromPredictions([1], [1, 2]));
    }

    [Fact]
    public void ArgmaxPassesOverNaN()
    {
        Assert.Equal(1, Accuracy.Argmax([float.NaN, -5f, -6f]));
        Assert.Equal(2, Accuracy.Argmax([1f, float.NaN, 2f]));
    }

    [Fact]
    public void RejectsWrongLogitCount() =>
        Assert.Throws<ArgumentException>(() => Accuracy.FromLogits([1f, 2f, 3f], [0, 1], classes: 2));
}
