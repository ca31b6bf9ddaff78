using SamRl.Envs.Diagnostics;
using SamRl.Envs.Pong;

namespace SamRl.Envs.Tests.Diagnostics;

public class PolicyEvaluatorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(32)]
    public void NoopLosesEveryPointInExactly3056FramesAtAnySkip(int skip)
    {
        var outcomes = PolicyEvaluator.Play(() => new PongEnv(), SimplePolicy.Noop, skip, 2, seed: 5);
        Assert.All(outcomes, o => Assert.Equal(new EpisodeOutcome(-21, 3056, 0), o));
    }

    [Fact]
    public void RandomPlayMatchesTheRealGamesStatistics()
    {
        // The real game (pong-facts.md section 5) at k = 4: return -20.23 ± 0.72, frames 3719 ± 443, 0.77 points.
        var outcomes = PolicyEvaluator.Play(() => new PongEnv(), SimplePolicy.Random, 4, 60, seed: 0);
        var s = PolicyStatistics.From("random", "4", outcomes);
        Assert.InRange(s.ReturnMean, -20.7, -19.8);
        Assert.InRange(s.FramesMean, 3450, 4000);
        Assert.InRange(s.ReturnMin, -21, -16);
        Assert.Equal(-21 + s.AgentPointsMean, s.ReturnMean, 6); // random never wins the game
    }

    [Fact]
    public void TheMarkdownRowHasTheReferenceColumns()
    {
        var s = PolicyStatistics.From("random", "4", [new EpisodeOutcome(-21, 3000, 0), new EpisodeOutcome(-19, 4000, 2)]);
        Assert.Equal("| random | 4 | 2 | -20.00 ± 1.00 | -21 | -19 | 3500 ± 500 | 1 (0–2) |", s.ToMarkdownRow());
        Assert.Equal(8, PolicyStatistics.MarkdownHeader.Split('\n')[0].Count(c => c == '|') - 1);
        Assert.Equal(5, PongReference.MeasuredAle.Count);
    }
}
