using SamRl.Envs.Pong;
using SamRl.Envs.Wrappers;

namespace SamRl.Envs.Tests.Pong;

public class PongDeterminismTests
{
    private static (List<float> Rewards, List<int> Hashes) Play(IEnv env, int seed, int steps, int policySeed)
    {
        var rng = new Random(policySeed);
        var rewards = new List<float>();
        var hashes = new List<int>();
        var (o, _) = env.Reset(seed);
        hashes.Add(Hash(o));
        for (int i = 0; i < steps; i++)
        {
            StepResult r = env.Step(rng.Next(env.ActionSpace.N));
            rewards.Add(r.Reward);
            hashes.Add(Hash(r.Observation));
            if (r.Done)
            {
                (o, _) = env.Reset();
                hashes.Add(Hash(o));
            }
        }

        return (rewards, hashes);
    }

    private static int Hash(Observation o)
    {
        var h = new HashCode();
        if (o.DType == DType.UInt8)
        {
            h.AddBytes(o.ByteSpan);
        }
        else
        {
            foreach (float f in o.FloatSpan)
            {
                h.Add(f);
            }
        }

        return h.ToHashCode();
    }

    [Fact]
    public void TheSameSeedGivesTheSameEpisodeThroughTheFullStack()
    {
        var options = new EnvOptions { StickyActionProbability = 0.25 };
        var a = Play(EnvFactory.Create("pong", options), seed: 5, steps: 700, policySeed: 1);
        var b = Play(EnvFactory.Create("pong", options), seed: 5, steps: 700, policySeed: 1);
        Assert.Equal(a.Rewards, b.Rewards);
        Assert.Equal(a.Hashes, b.Hashes);
    }

    [Fact]
    public void DifferentSeedsGiveDifferentNoopStarts()
    {
        var starts = new HashSet<int>();
        for (int seed = 0; seed < 10; seed++)
        {
            var env = new NoopReset(new PongEnv(), 30);
            env.Reset(seed);
            starts.Add(env.LastNoops);
        }

        Assert.True(starts.Count > 3);
    }

    [Fact]
    public void TheGameItselfIgnoresTheSeed()
    {
        var a = Play(new PongEnv(), seed: 1, steps: 800, policySeed: 3);
        var b = Play(new PongEnv(), seed: 99, steps: 800, policySeed: 3);
        Assert.Equal(a.Hashes, b.Hashes);
    }
}
