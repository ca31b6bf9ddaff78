namespace SamRl.Envs.Wrappers;

/// <summary>
/// Losing a life ends the episode for the learner (terminated), but the game only really resets when it
/// is over: the reset that follows a lost life just continues with one NOOP step (SB3 EpisodicLifeEnv).
/// Games without lives (Pong reports 0) pass through unchanged.
/// </summary>
public sealed class EpisodicLife : Wrapper
{
    private int lives;
    private bool lifeLost;

    public EpisodicLife(IEnv env)
        : base(env)
    {
    }

    /// <summary>Whether the last step ended the real game (not just a life).</summary>
    public bool WasRealDone { get; private set; }

    public override StepResult Step(int action, bool observe = true)
    {
        StepResult r = Env.Step(action, observe);
        WasRealDone = r.Done;
        int now = r.Info.Lives;
        lifeLost = !r.Done && now < lives && now > 0;
        lives = now;
        return lifeLost ? r with { Terminated = true } : r;
    }

    /// <summary>Continues the game after a lost life; any other reset (or one with a seed) resets the game.</summary>
    public override (Observation Observation, Info Info) Reset(int? seed = null)
    {
        (Observation Observation, Info Info) result;
        if (lifeLost && !seed.HasValue)
        {
            StepResult r = Env.Step(0);
            result = r.Done ? Env.Reset() : (r.Observation, r.Info);
        }
        else
        {
            result = Env.Reset(seed);
        }

        lives = result.Info.Lives;
        lifeLost = false;
        WasRealDone = false;
        return result;
    }
}
