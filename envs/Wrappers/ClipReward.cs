namespace SamRl.Envs.Wrappers;

/// <summary>Rewards become their sign, -1, 0 or +1 (SB3 ClipRewardEnv; equal to the authors' clamp to [-1, 1] for Atari's integer rewards).</summary>
public sealed class ClipReward : Wrapper
{
    public ClipReward(IEnv env)
        : base(env)
    {
    }

    public override StepResult Step(int action, bool observe = true)
    {
        StepResult r = Env.Step(action, observe);
        return r with { Reward = MathF.Sign(r.Reward) };
    }
}
