namespace SamRl.Envs.Wrappers;

/// <summary>
/// With probability p the env repeats the previous action instead of the chosen one (Machado et al. 2018,
/// ALE's repeat_action_probability). It decides per step of the env it wraps, so wrap a frame-level env
/// (below any frame skip) to get ALE's per-frame behaviour. The previous action is NOOP after a reset.
/// </summary>
public sealed class StickyActions : Wrapper
{
    private const ulong Stream = 0x5354434B; // "STCK"
    private Random? rng;
    private int previous;

    public StickyActions(IEnv env, double repeatProbability = 0.25)
        : base(env)
    {
        if (!(repeatProbability >= 0 && repeatProbability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(repeatProbability), repeatProbability, "must be in [0, 1]");
        }

        RepeatProbability = repeatProbability;
    }

    public double RepeatProbability { get; }

    public override (Observation Observation, Info Info) Reset(int? seed = null)
    {
        rng = Seeding.Reseed(rng, seed, Stream);
        previous = 0;
        return Env.Reset(seed);
    }

    public override StepResult Step(int action, bool observe = true)
    {
        rng ??= new Random();
        if (RepeatProbability > 0 && rng.NextDouble() < RepeatProbability)
        {
            action = previous;
        }

        previous = action;
        return Env.Step(action, observe);
    }
}
