using SamRl.Envs.Wrappers;

namespace SamRl.Envs.Tests.Wrappers;

public class StepWrapperTests
{
    [Fact]
    public void ClipRewardKeepsOnlyTheSign()
    {
        var env = new ClipReward(new FakeEnv { RewardAt = t => (t % 3) switch { 0 => 0, 1 => 5, _ => -2.5f } });
        env.Reset();
        Assert.Equal([1f, -1f, 0f, 1f], Enumerable.Range(0, 4).Select(_ => env.Step(0).Reward));
    }

    [Fact]
    public void TimeLimitTruncatesAfterMaxSteps()
    {
        var env = new TimeLimit(new FakeEnv(), 3);
        env.Reset();
        Assert.False(env.Step(0).Truncated);
        Assert.False(env.Step(0).Truncated);
        StepResult r = env.Step(0);
        Assert.True(r.Truncated);
        Assert.False(r.Terminated);
        env.Reset();
        Assert.False(env.Step(0).Truncated);
    }

    [Fact]
    public void TimeLimitBelowFrameSkipCapsFramesNotSteps()
    {
        var fake = new FakeEnv();
        var env = new MaxAndSkip(new TimeLimit(fake, 10), 4);
        env.Reset();
        Assert.False(env.Step(0).Done);
        Assert.False(env.Step(0).Done);
        StepResult r = env.Step(0);
        Assert.True(r.Truncated);
        Assert.Equal(10, fake.Frame);
    }

    [Fact]
    public void StickyActionsRepeatThePreviousActionWithTheGivenProbability()
    {
        var fake = new FakeEnv();
        var env = new StickyActions(fake, 0.25);
        env.Reset(9);
        int n = 20_000, sticky = 0;
        for (int i = 0; i < n; i++)
        {
            // Always ask for the action not just executed, so a repeat can only come from sticking.
            env.Step(fake.Actions.Count > 0 && fake.Actions[^1] == 1 ? 2 : 1);
        }

        for (int i = 1; i < n; i++)
        {
            sticky += fake.Actions[i] == fake.Actions[i - 1] ? 1 : 0;
        }

        Assert.InRange(sticky / (double)n, 0.22, 0.28);
    }

    [Fact]
    public void StickyActionsStartFromNoopAndAreSeeded()
    {
        var a = new FakeEnv();
        var b = new FakeEnv();
        var sa = new StickyActions(a, 0.5);
        var sb = new StickyActions(b, 0.5);
        sa.Reset(1);
        sb.Reset(1);
        for (int i = 0; i < 200; i++)
        {
            sa.Step(3);
            sb.Step(3);
        }

        Assert.Equal(a.Actions, b.Actions);
        // Sticking can only repeat the NOOP of the reset before the first 3 gets through, then it repeats 3.
        int firstThree = a.Actions.IndexOf(3);
        Assert.All(a.Actions.Take(firstThree), x => Assert.Equal(0, x));
        Assert.All(a.Actions.Skip(firstThree), x => Assert.Equal(3, x));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StickyActions(new FakeEnv(), 1.5));
    }

    [Fact]
    public void RecordEpisodeStatisticsReportsTheUnclippedReturnAtTheEnd()
    {
        var fake = new FakeEnv { EndFrame = 5, RewardAt = t => t == 2 ? 3 : t == 4 ? -1 : 0 };
        var env = new ClipReward(new RecordEpisodeStatistics(fake));
        env.Reset();
        StepResult r = default;
        for (int i = 0; i < 5; i++)
        {
            r = env.Step(0);
            Assert.Equal(i == 4, r.Info.Episode.HasValue);
        }

        Assert.Equal(new EpisodeStatistics(2, 5), r.Info.Episode);
    }
}
