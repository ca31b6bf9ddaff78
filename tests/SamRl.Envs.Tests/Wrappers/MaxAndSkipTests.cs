using SamRl.Envs.Pong;
using SamRl.Envs.Wrappers;

namespace SamRl.Envs.Tests.Wrappers;

public class MaxAndSkipTests
{
    [Fact]
    public void RepeatsTheActionSumsRewardsAndMaxPoolsTheLastTwoFrames()
    {
        // Frames alternate bright/dark, like Atari flicker: the max of the last two is always the bright one.
        var fake = new FakeEnv { Pixel = t => (byte)(t % 2 == 1 ? 200 : t), RewardAt = t => t };
        var env = new MaxAndSkip(fake, 4);
        env.Reset();
        StepResult r = env.Step(2);
        Assert.Equal([2, 2, 2, 2], fake.Actions);
        Assert.Equal(1 + 2 + 3 + 4, r.Reward);
        Assert.All(r.Observation.ByteSpan.ToArray(), b => Assert.Equal(200, b)); // max(frame 3 = 200, frame 4 = 4)
        Assert.Equal(4, r.Info.EpisodeFrameNumber);
    }

    [Fact]
    public void OnlyTheLastTwoFramesAreDrawn()
    {
        var fake = new FakeEnv();
        var env = new MaxAndSkip(fake, 16);
        env.Reset();
        int before = fake.Draws;
        env.Step(0);
        Assert.Equal(2, fake.Draws - before);
    }

    [Fact]
    public void StopsAtTheFirstTerminalFrameInsideABlock()
    {
        var fake = new FakeEnv { EndFrame = 6, RewardAt = _ => 1 };
        var env = new MaxAndSkip(fake, 4);
        env.Reset();
        Assert.False(env.Step(0).Done);
        StepResult r = env.Step(0);
        Assert.True(r.Terminated);
        Assert.Equal(6, fake.Frame);
        Assert.Equal(2, r.Reward);
        Assert.Equal(fake.Pixel(6), r.Observation.ByteSpan[0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void SkipZeroAndOneBothMeanEveryFrame(int skip)
    {
        var fake = new FakeEnv { RewardAt = t => t };
        var env = new MaxAndSkip(fake, skip);
        Assert.Equal(1, env.Skip);
        env.Reset();
        for (int i = 1; i <= 5; i++)
        {
            StepResult r = env.Step(1);
            Assert.Equal(i, fake.Frame);
            Assert.Equal(i, r.Reward);
            Assert.Equal(fake.Pixel(i), r.Observation.ByteSpan[0]);
        }
    }

    [Fact]
    public void NegativeSkipIsRejected() => Assert.Throws<ArgumentOutOfRangeException>(() => new MaxAndSkip(new FakeEnv(), -1));

    [Fact]
    public void AuthorsDequeReachesBackAcrossStepsWithSkipOne()
    {
        // Frame values fall: 250, 240, 230, ... With the deque(3) max, step t shows frame t-2 (or the reset frame).
        var fake = new FakeEnv { Pixel = t => (byte)(250 - (10 * t)) };
        var env = new MaxAndSkip(fake, 1, MaxPooling.AuthorsDeque3);
        env.Reset();
        Assert.Equal(250, env.Step(0).Observation.ByteSpan[0]); // max(f0, f1)
        Assert.Equal(250, env.Step(0).Observation.ByteSpan[0]); // max(f0, f1, f2)
        Assert.Equal(240, env.Step(0).Observation.ByteSpan[0]); // max(f1, f2, f3)
        Assert.Equal(230, env.Step(0).Observation.ByteSpan[0]);

        var sb3 = new MaxAndSkip(new FakeEnv { Pixel = t => (byte)(250 - (10 * t)) }, 1);
        sb3.Reset();
        Assert.Equal(240, sb3.Step(0).Observation.ByteSpan[0]); // SB3: just the frame
    }

    [Fact]
    public void AuthorsDequeWithSkipFourPoolsTheLastThreeFrames()
    {
        var fake = new FakeEnv { Pixel = t => (byte)(t == 2 ? 255 : t == 1 ? 254 : t) };
        var env = new MaxAndSkip(fake, 4, MaxPooling.AuthorsDeque3);
        env.Reset();
        Assert.Equal(255, env.Step(0).Observation.ByteSpan[0]); // frames 2, 3, 4
        Assert.Equal(8, env.Step(0).Observation.ByteSpan[0]); // frames 6, 7, 8
    }

    [Fact]
    public void SkipFourOnPongEqualsFourRawFramesWithTheLastTwoMaxed()
    {
        var rng = new Random(3);
        var raw = new PongEnv();
        var skipped = new MaxAndSkip(new PongEnv(), 4);
        raw.Reset();
        skipped.Reset();
        var previous = new byte[PongLayout.ScreenBytes];
        for (int step = 0; step < 900; step++)
        {
            int action = rng.Next(6);
            StepResult s = skipped.Step(action);
            float reward = 0;
            StepResult r = default;
            bool both = false;
            for (int i = 0; i < 4; i++)
            {
                if (i == 3)
                {
                    raw.Observe().ByteSpan.CopyTo(previous);
                    both = true;
                }

                r = raw.Step(action);
                reward += r.Reward;
                if (r.Done)
                {
                    break;
                }
            }

            Assert.Equal(reward, s.Reward);
            Assert.Equal(r.Terminated, s.Terminated);
            Assert.Equal(r.Info.EpisodeFrameNumber, s.Info.EpisodeFrameNumber);
            ReadOnlySpan<byte> last = r.Observation.ByteSpan, pooled = s.Observation.ByteSpan;
            for (int p = 0; p < last.Length; p += 97)
            {
                Assert.Equal(both ? Math.Max(last[p], previous[p]) : last[p], pooled[p]);
            }

            if (s.Done)
            {
                raw.Reset();
                skipped.Reset();
            }
        }
    }

    [Fact]
    public void SkipZeroOneAndRawPongAreTheSameGame()
    {
        var rng = new Random(11);
        IEnv raw = new PongEnv(), zero = new MaxAndSkip(new PongEnv(), 0), one = new MaxAndSkip(new PongEnv(), 1);
        raw.Reset();
        zero.Reset();
        one.Reset();
        for (int t = 0; t < 4000; t++)
        {
            int a = rng.Next(6);
            StepResult r = raw.Step(a), z = zero.Step(a), o = one.Step(a);
            Assert.Equal((r.Reward, r.Terminated, r.Info), (z.Reward, z.Terminated, z.Info));
            Assert.Equal((r.Reward, r.Terminated, r.Info), (o.Reward, o.Terminated, o.Info));
            Assert.True(r.Observation.ByteSpan.SequenceEqual(z.Observation.ByteSpan));
            Assert.True(r.Observation.ByteSpan.SequenceEqual(o.Observation.ByteSpan));
            if (r.Done)
            {
                raw.Reset();
                zero.Reset();
                one.Reset();
            }
        }
    }
}
