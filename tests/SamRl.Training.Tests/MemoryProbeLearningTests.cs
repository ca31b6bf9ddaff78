namespace SamRl.Training.Tests;

/// <summary>
/// Learning checks through the real trainer on the small environments: CartPole is solved by a recurrent agent, a
/// short T-maze by both memory agents, and not by the feed-forward agent, so the probe really needs memory. Each run
/// stops as soon as its moving average reaches the mark (or at its frame budget) and seeds are fixed.
/// </summary>
public class MemoryProbeLearningTests
{
    /// <summary>Trains until the moving average over a full window reaches <paramref name="mark"/>; returns the best seen and the frames then.</summary>
    private static (double Best, long Frames) TrainUntil(A3CConfig config, double mark)
    {
        var root = TrainerFixture.TempRoot();
        try
        {
            using var trainer = A3CTrainer.Create(config, root);
            using var cts = new CancellationTokenSource();
            double best = double.NegativeInfinity;
            long at = 0;
            trainer.Run(cts.Token, s =>
            {
                if (s.WindowCount < config.Window || double.IsNaN(s.MovingAverage)) return;
                if (s.MovingAverage > best) (best, at) = (s.MovingAverage, s.Frames);
                if (s.MovingAverage >= mark) cts.Cancel();
            }, TimeSpan.FromMilliseconds(100));
            return (best, at);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void LstmAgentSolvesCartPole()
    {
        // One worker, so the run is deterministic under its seed. γ = 0.95 keeps the returns the critic must fit
        // (up to 20 instead of 100) within reach of a 64-unit LSTM's bounded output; at γ = 0.99 the value lags and the
        // run learns slowly or not at all (README, "Small environments").
        var config = TrainerFixture.Small("cartpole", "lstm", 250_000, 3e-3, window: 20, workers: 1) with { Gamma = 0.95 };
        var (best, frames) = TrainUntil(config, 195);
        Console.WriteLine($"cartpole/lstm: best 20-episode average {best:F1} at {frames:N0} frames");
        Assert.True(best >= 195, $"the 20-episode average return peaked at {best:F1}; CartPole counts as solved at 195");
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("stm")]
    public void MemoryAgentsSolveAShortTMaze(string agent)
    {
        // Return +1 for the cued turn, −1 for the other: a 100-game average of 0.9 is 95% success.
        var (best, frames) = TrainUntil(TrainerFixture.Small("tmaze:3", agent, 120_000, 2e-3, window: 100), 0.9);
        Console.WriteLine($"tmaze:3/{agent}: best 100-game average {best:F2} ({(best + 1) / 2:P0} success) at {frames:N0} frames");
        Assert.True((best + 1) / 2 > 0.9, $"{agent}: success peaked at {(best + 1) / 2:P0} of 100 games; a memory agent should pass 90%");
    }

    [Fact]
    public void FeedForwardAgentCannotSolveTheTMaze()
    {
        var (best, _) = TrainUntil(TrainerFixture.Small("tmaze:3", "ff", 40_000, 2e-3, window: 100), 0.9);
        Console.WriteLine($"tmaze:3/ff: best 100-game average {best:F2}");
        Assert.True((best + 1) / 2 < 0.8, $"a feed-forward agent reached {(best + 1) / 2:P0} success: the maze does not need memory");
    }
}
