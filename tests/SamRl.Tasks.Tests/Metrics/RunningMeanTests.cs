using SamRl.Tasks.Metrics;

namespace SamRl.Tasks.Tests.Metrics;

public class RunningMeanTests
{
    [Fact]
    public void AveragesUntilReset()
    {
        var mean = new RunningMean();
        Assert.True(double.IsNaN(mean.Mean));
        mean.Add(1);
        mean.Add(2);
        mean.Add(6);
        Assert.Equal(3.0, mean.Mean);
        Assert.Equal(3, mean.Count);
        mean.Reset();
        Assert.True(double.IsNaN(mean.Mean));
        Assert.Equal(0, mean.Count);
    }

    [Fact]
    public void WeightsCountPartialBatchesLess()
    {
        var mean = new RunningMean();
        mean.Add(1.0, weight: 3);
        mean.Add(0.0, weight: 1);
        Assert.Equal(0.75, mean.Mean);
        Assert.Equal(4, mean.Weight);
        Assert.Throws<ArgumentOutOfRangeException>(() => mean.Add(1, weight: 0));
    }
}
