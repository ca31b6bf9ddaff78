using SamRl.Envs.Wrappers;

namespace SamRl.Envs.Tests.Wrappers;

public class ResetWrapperTests
{
    [Fact]
    public void NoopResetPlaysBetweenOneAndNoopMaxNoops()
    {
        var counts = new HashSet<int>();
        for (int seed = 0; seed < 60; seed++)
        {
            var fake = new FakeEnv();
            var env = new NoopReset(fake, 5);
            var (o, info) = env.Reset(seed);
            Assert.InRange(env.LastNoops, 1, 5);
            Assert.Equal(env.LastNoops, fake.Actions.Count);
            Assert.All(fake.Actions, a => Assert.Equal(0, a));
            Assert.Equal(env.LastNoops, info.EpisodeFrameNumber);
            Assert.Equal(fake.Pixel(env.LastNoops), o.ByteSpan[0]);
            counts.Add(env.LastNoops);
        }

        Assert.Equal(5, counts.Count);
    }

    [Fact]
    public void NoopResetIsReproducibleUnderASeed()
    {
        var a = new NoopReset(new FakeEnv(), 30);
        var b = new NoopReset(new FakeEnv(), 30);
        var seqA = Enumerable.Range(0, 5).Select(i => { a.Reset(i == 0 ? 42 : null); return a.LastNoops; }).ToArray();
        var seqB = Enumerable.Range(0, 5).Select(i => { b.Reset(i == 0 ? 42 : null); return b.LastNoops; }).ToArray();
        Assert.Equal(seqA, seqB);
    }

    [Fact]
    public void NoopResetStartsAgainIfTheGameEndsDuringTheNoops()
    {
        var fake = new FakeEnv { EndFrame = 1 };
        var env = new NoopReset(fake, 30);
        env.Reset(3);
        Assert.Equal(1 + env.LastNoops, fake.Resets);
    }

    [Fact]
    public void NoopResetNeedsNoopAtZero() =>
        Assert.Throws<ArgumentException>(() => new NoopReset(new FakeEnv(meanings: ["FIRE", "NOOP"])));

    [Fact]
    public void FireResetPressesFireThenActionTwo()
    {
        var fake = new FakeEnv();
        var env = new FireReset(fake);
        var (o, info) = env.Reset();
        Assert.Equal([1, 2], fake.Actions);
        Assert.Equal(2, info.EpisodeFrameNumber);
        Assert.Equal(fake.Pixel(2), o.ByteSpan[0]);
    }

    [Fact]
    public void FireResetNeedsFire() =>
        Assert.Throws<ArgumentException>(() => new FireReset(new FakeEnv(meanings: ["NOOP", "UP", "DOWN"])));

    [Fact]
    public void EpisodicLifeEndsTheEpisodeOnALostLifeButNotTheGame()
    {
        // 3 lives, one lost at frames 5 and 10; the game ends at frame 15.
        var fake = new FakeEnv { LivesAt = t => t < 5 ? 3 : t < 10 ? 2 : 1, EndFrame = 15 };
        var env = new EpisodicLife(fake);
        env.Reset();
        int steps = 0;
        StepResult r;
        do
        {
            r = env.Step(3);
            steps++;
        }
        while (!r.Done);

        Assert.Equal(5, steps);
        Assert.True(r.Terminated);
        Assert.False(env.WasRealDone);

        env.Reset();
        Assert.Equal(1, fake.Resets); // no real reset: one NOOP step instead
        Assert.Equal(6, fake.Frame);
        Assert.Equal(0, fake.Actions[^1]);

        while (!env.Step(3).Done)
        {
        }

        Assert.Equal(10, fake.Frame);
        env.Reset();
        while (!(r = env.Step(3)).Done)
        {
        }

        Assert.Equal(15, fake.Frame);
        Assert.True(env.WasRealDone);
        env.Reset();
        Assert.Equal(2, fake.Resets);
    }

    [Fact]
    public void EpisodicLifeIgnoresGamesWithoutLives()
    {
        var fake = new FakeEnv { EndFrame = 20 };
        var env = new EpisodicLife(fake);
        env.Reset();
        int steps = 0;
        while (!env.Step(0).Done)
        {
            steps++;
        }

        Assert.Equal(19, steps);
    }
}
