using SamRl.Envs.Ale;
using SamRl.Envs.Pong;
using SamRl.Envs.Wrappers;

namespace SamRl.Envs.Tests;

public class EnvFactoryTests
{
    [Fact]
    public void PongWithDefaultsIsTheAuthorsStack()
    {
        using IEnv env = EnvFactory.Create("pong");
        Assert.IsType<PongEnv>(env.Unwrapped);
        Assert.Equal([1, 80, 80], env.ObservationSpace.Shape);
        Assert.Equal(6, env.ActionSpace.N);
        Assert.Equal(4, Wrapper.Find<MaxAndSkip>(env)!.Skip);
        Assert.NotNull(Wrapper.Find<NoopReset>(env));
        Assert.NotNull(Wrapper.Find<FireReset>(env));
        Assert.NotNull(Wrapper.Find<NormalizeObservation>(env));
        Assert.Equal(108_000, Wrapper.Find<TimeLimit>(env)!.MaxSteps);
        var (o, info) = env.Reset(0);
        Assert.Equal([1, 80, 80], o.Shape);
        Assert.True(info.EpisodeFrameNumber >= 1 + 8); // 1-30 NOOP frames, then FIRE and RIGHT of 4 frames each
    }

    [Fact]
    public void RawOptionsGiveTheBareGame()
    {
        using IEnv env = EnvFactory.Create("pong", EnvOptions.Raw);
        Assert.IsType<PongEnv>(env);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(7)]
    public void AnyFrameSkipRunsAFullGame(int skip)
    {
        // No normalisation or stacking here: they must see every observation, and this test asks for none.
        using IEnv env = EnvFactory.Create("pong", new EnvOptions { FrameSkip = skip, ScreenSize = 84, Normalize = false });
        env.Reset(1);
        StepResult r;
        long steps = 0;
        do
        {
            r = env.Step(0, observe: false);
            steps++;
        }
        while (!r.Done);

        Assert.Equal(-21, r.Info.Episode!.Value.Return);
        Assert.Equal([1, 84, 84], env.ObservationSpace.Shape);
        Assert.True(r.Observation.IsEmpty);
        int k = Math.Max(skip, 1);
        Assert.InRange(steps, ((3056 - 30 - (2 * k)) / k) - 1, (3056 / k) + 1); // minus the no-op start and FIRE, RIGHT
    }

    [Theory]
    [InlineData("tetris-xl")]
    [InlineData("")]
    [InlineData("ale:")]
    public void UnknownIdsAreRejectedWithTheValidIds(string id)
    {
        var e = Assert.Throws<ArgumentException>(() => EnvFactory.Create(id));
        Assert.Contains("valid ids", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void BadOptionsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => EnvFactory.Create("pong", new EnvOptions { FrameSkip = -1 }));
        Assert.Throws<ArgumentException>(() => EnvFactory.Create("pong", new EnvOptions { ScreenSize = 64 }));
        Assert.Throws<ArgumentException>(() => EnvFactory.Create("pong", new EnvOptions { StickyActionProbability = 2 }));
    }

    [Fact]
    public void AMissingRomIsAFileNotFoundNotACrash()
    {
        Assert.Throws<FileNotFoundException>(() => EnvFactory.Create("ale:/nonexistent/pong.bin"));
        Assert.Throws<FileNotFoundException>(() => RomLocator.Find("pong", "/nonexistent/pong.bin"));
    }
}
