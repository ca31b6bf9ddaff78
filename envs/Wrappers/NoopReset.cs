namespace SamRl.Envs.Wrappers;

/// <summary>
/// On reset, plays a random number (1..NoopMax) of NOOP actions so that a deterministic game starts
/// from varied states (SB3 NoopResetEnv; the authors used 1-30). Action 0 must be NOOP.
/// </summary>
public sealed class NoopReset : Wrapper
{
    private const ulong Stream = 0x4E4F4F50; // "NOOP"
    private Random? rng;

    public NoopReset(IEnv env, int noopMax = 30)
        : base(env)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(noopMax);
        if (env.ActionMeanings.Count == 0 || env.ActionMeanings[0] != "NOOP")
        {
            throw new ArgumentException("NoopReset needs action 0 to be NOOP");
        }

        NoopMax = noopMax;
    }

    public int NoopMax { get; }

    /// <summary>The number of NOOPs played by the last reset.</summary>
    public int LastNoops { get; private set; }

    public override (Observation Observation, Info Info) Reset(int? seed = null)
    {
        rng = Seeding.Reseed(rng, seed, Stream);
        var (observation, info) = Env.Reset(seed);
        LastNoops = NoopMax > 0 ? rng.Next(1, NoopMax + 1) : 0;
        for (int i = 0; i < LastNoops; i++)
        {
            // Only the frame the agent starts from needs drawing.
            StepResult r = Env.Step(0, observe: i == LastNoops - 1);
            if (r.Done)
            {
                (observation, info) = Env.Reset();
            }
            else
            {
                (observation, info) = (r.Observation, r.Info);
            }
        }

        return (observation, info);
    }
}
