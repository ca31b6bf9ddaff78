using SamRl.Tasks.Metrics;

namespace SamRl.Tasks.Tests.Metrics;

public class BitErrorTests
{
    [Fact]
    public void CountsWrongBitsPerSequence()
    {
        // 0.5 rounds up, 0.49 down: two wrong bits over a batch of 2.
        float[] probabilities = [0.2f, 0.7f, 0.5f, 0.49f];
        float[] targets = [0f, 0f, 1f, 1f];
        Assert.Equal(1.0, BitError.PerSequence(probabilities, targets, batchSize: 2));
        Assert.Equal(0.0, BitError.PerSequence(targets, targets, batchSize: 4));
        Assert.Equal(4.0, BitError.PerSequence([1f, 1f, 0f, 0f], targets, batchSize: 1));
    }

    [Fact]
    public void LogitsThresholdAtZero()
    {
        float[] logits = [-1.4f, 0.8f, 0f, -0.01f];
        float[] targets = [0f, 0f, 1f, 1f];
        Assert.Equal(1.0, BitError.PerSequenceFromLogits(logits, targets, batchSize: 2));
    }

    [Fact]
    public void PerfectSequencesNeedEveryBitRight()
    {
        // T_out = 2, B = 2, O = 2; sequence 0 is right everywhere, sequence 1 has one wrong bit at t = 1.
        float[] targets = [1, 0, 0, 1, 1, 1, 0, 0];
        float[] outputs = [0.9f, 0.1f, 0.2f, 0.8f, 0.6f, 0.7f, 0.3f, 0.6f];
        Assert.Equal(0.5, BitError.PerfectSequenceFraction(outputs, targets, outputSteps: 2, batchSize: 2));
        Assert.Equal(0.5, BitError.PerSequence(outputs, targets, batchSize: 2));
    }

    [Fact]
    public void RejectsMismatchedShapes()
    {
        Assert.Throws<ArgumentException>(() => BitError.PerSequence([0f, 1f], [0f], 1));
        Assert.Throws<ArgumentException>(() => BitError.PerSequence([0f, 1f, 1f], [0f, 1f, 1f], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => BitError.PerSequence([0f], [0f], 0));
    }
}
