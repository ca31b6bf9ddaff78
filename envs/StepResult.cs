namespace SamRl.Envs;

/// <summary>
/// What one step returns. Terminated: the game ended (do not bootstrap). Truncated: a time limit cut the
/// episode (bootstrap from the value of <see cref="Observation"/>).
/// </summary>
public readonly record struct StepResult(Observation Observation, float Reward, bool Terminated, bool Truncated, Info Info)
{
    public bool Done => Terminated || Truncated;
}
