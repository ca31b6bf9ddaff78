using SamRl.Envs.Ale;
using SamRl.Envs.Wrappers;

namespace SamRl.Envs.Tests.Ale;

public class AleEnvTests
{
    [AleFact]
    public void LoadsTheRomAndPlays()
    {
        using var env = new AleEnv(AleFactAttribute.RomPath);
        Assert.Equal("tetris", env.Game);
        Assert.Equal([210, 160, 3], env.ObservationSpace.Shape);
        Assert.Equal("NOOP", env.ActionMeanings[0]);
        var (o, info) = env.Reset(0);
        Assert.Equal(210 * 160 * 3, o.Length);
        Assert.Equal(0, info.EpisodeFrameNumber);
        var rng = new Random(0);
        for (int i = 0; i < 300; i++)
        {
            StepResult r = env.Step(rng.Next(env.ActionSpace.N));
            Assert.Equal(i + 1, r.Info.EpisodeFrameNumber);
        }

        Assert.Equal(128, env.Ram().Length);
        Assert.Equal(210 * 160 * 3, env.Render().Length);
    }

    [AleFact]
    public void FullActionSpaceHas18ActionsAndGrayscaleOneChannel()
    {
        using var env = new AleEnv(AleFactAttribute.RomPath, new AleEnvOptions { FullActionSpace = true, ObservationType = AleObservationType.Grayscale });
        Assert.Equal(18, env.ActionSpace.N);
        Assert.Equal(AleEnv.AllActionNames, env.ActionMeanings);
        Assert.Equal([210, 160, 1], env.Reset().Observation.Shape);
    }

    [AleFact]
    public void MaxFramesTruncatesWithoutTerminating()
    {
        using var env = new AleEnv(AleFactAttribute.RomPath, new AleEnvOptions { MaxFramesPerEpisode = 50 });
        env.Reset(0);
        StepResult r = default;
        int steps = 0;
        while (!r.Done && steps < 1000)
        {
            r = env.Step(0, observe: false);
            steps++;
        }

        Assert.True(r.Truncated);
        Assert.False(r.Terminated);
        Assert.Equal(50, steps);
    }

    [AleFact]
    public void StickyActionsAreReproducibleUnderASeed()
    {
        static List<int> Hashes(int seed)
        {
            using var env = new AleEnv(AleFactAttribute.RomPath, new AleEnvOptions { RepeatActionProbability = 0.25f });
            env.Reset(seed);
            var rng = new Random(1);
            var hashes = new List<int>();
            for (int i = 0; i < 400; i++)
            {
                var h = new HashCode();
                h.AddBytes(env.Step(rng.Next(env.ActionSpace.N)).Observation.ByteSpan);
                hashes.Add(h.ToHashCode());
            }

            return hashes;
        }

        Assert.Equal(Hashes(3), Hashes(3));
    }

    [AleFact]
    public void FrameSkipWrapperCountsEmulatorFrames()
    {
        using IEnv env = new MaxAndSkip(new AleEnv(AleFactAttribute.RomPath), 4);
        env.Reset(0);
        Assert.Equal(4, env.Step(0).Info.EpisodeFrameNumber);
        Assert.Equal(8, env.Step(0).Info.EpisodeFrameNumber);
    }

    [AleFact]
    public void ModeAndDifficultyAreValidated()
    {
        Assert.Throws<AleException>(() => new AleEnv(AleFactAttribute.RomPath, new AleEnvOptions { Mode = 99 }));
        using var env = new AleEnv(AleFactAttribute.RomPath, new AleEnvOptions { Mode = 0, Difficulty = 0 });
        Assert.Contains(0, env.AvailableModes);
    }

    [AleFact]
    public void BadRomFilesAreRejectedWithoutKillingTheProcess()
    {
        string dir = Path.Combine(Path.GetTempPath(), "samrl-ale-test-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        try
        {
            string garbage = Path.Combine(dir, "not_a_game.bin");
            File.WriteAllBytes(garbage, Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray());
            string tiny = Path.Combine(dir, "tiny.bin");
            File.WriteAllBytes(tiny, new byte[100]);
            Assert.Contains("does not support", Assert.Throws<AleException>(() => new AleEnv(garbage)).Message);
            Assert.Contains("not an Atari 2600 ROM", Assert.Throws<AleException>(() => new AleEnv(tiny)).Message);
            Assert.Contains("not found", Assert.Throws<AleException>(() => new AleEnv(Path.Combine(dir, "missing.bin"))).Message);
            Assert.Contains("not a regular file", Assert.Throws<AleException>(() => AleEnv.CheckRom(dir)).Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [AleFact]
    public void FactoryBuildsTheFullStackOnAnAleRom()
    {
        using IEnv env = EnvFactory.Create("ale:" + AleFactAttribute.RomPath, new EnvOptions { FrameSkip = 4 });
        Assert.IsType<AleEnv>(env.Unwrapped);
        var (o, _) = env.Reset(0);
        Assert.Equal([1, 80, 80], o.Shape);
        Assert.Equal([1, 80, 80], env.Step(0).Observation.Shape);
    }
}
