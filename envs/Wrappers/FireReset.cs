namespace SamRl.Envs.Wrappers;

/// <summary>
/// Presses FIRE then action 2 after every reset, for games that wait for FIRE to start
/// (SB3 FireResetEnv; the authors' stack has it). Needs action 1 to be FIRE and at least 3 actions.
/// In Pong the serve needs no FIRE, so this only shifts the start by two agent steps, as in their code.
/// </summary>
public sealed class FireReset : Wrapper
{
    public FireReset(IEnv env)
        : base(env)
    {
        if (env.ActionMeanings.Count < 3 || env.ActionMeanings[1] != "FIRE")
        {
            throw new ArgumentException("FireReset needs action 1 to be FIRE and at least 3 actions");
        }
    }

    public override (Observation Observation, Info Info) Reset(int? seed = null)
    {
        var (observation, info) = Env.Reset(seed);
        foreach (int action in (ReadOnlySpan<int>)[1, 2])
        {
            StepResult r = Env.Step(action);
            (observation, info) = r.Done ? Env.Reset() : (r.Observation, r.Info);
        }

        return (observation, info);
    }
}
