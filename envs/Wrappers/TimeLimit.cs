namespace SamRl.Envs.Wrappers;

/// <summary>
/// Truncates the episode after MaxSteps steps of the env it wraps (Gymnasium TimeLimit). Wrapped around a
/// frame-level env it caps emulator frames: 108,000 is ALE's customary 30 minutes; the authors used 10000 x skip.
/// </summary>
public sealed class TimeLimit : Wrapper
{
    public TimeLimit(IEnv env, long maxSteps)
        : base(env)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSteps, 1);
        MaxSteps = maxSteps;
    }

    public long MaxSteps { get; }

    public long ElapsedSteps { get; private set; }

    public override (Observation Observation, Info Info) Reset(int? seed = null)
    {
        ElapsedSteps = 0;
        return Env.Reset(seed);
    }

    public override StepResult Step(int action, bool observe = true)
    {
        StepResult r = Env.Step(action, observe);
        ElapsedSteps++;
        return ElapsedSteps >= MaxSteps ? r with { Truncated = true } : r;
    }
}
