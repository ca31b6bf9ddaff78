using SamRl.Envs.Wrappers;

namespace SamRl.Envs.Diagnostics;

/// <summary>
/// Plays simple policies on an env with an agent frame skip k, the way pong-facts.md section 5 measured the
/// real game: the action repeats for k frames (no max-pool, no other wrappers), the episode stops at the first
/// game-over frame, and frames are counted in emulator frames.
/// </summary>
public static class PolicyEvaluator
{
    private const ulong PolicyStream = 0x504F4C49; // "POLI"

    /// <summary>Plays <paramref name="episodes"/> episodes; episode i uses reset seed seed + i and a policy RNG derived from it.</summary>
    public static List<EpisodeOutcome> Play(
        Func<IEnv> makeEnv,
        SimplePolicy policy,
        int skip,
        int episodes,
        int seed = 0,
        long maxFrames = 1_000_000,
        Action<int>? onEpisode = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(episodes, 1);
        var outcomes = new List<EpisodeOutcome>(episodes);
        using IEnv env = new MaxAndSkip(makeEnv(), skip, MaxPooling.None);
        int actions = env.ActionSpace.N;
        for (int e = 0; e < episodes; e++)
        {
            int episodeSeed = seed + e;
            var rng = new Random(Seeding.Derive(episodeSeed, PolicyStream));
            env.Reset(episodeSeed);
            double total = 0;
            int agentPoints = 0;
            long frames = 0;
            while (true)
            {
                int action = policy == SimplePolicy.Noop ? 0 : rng.Next(actions);
                StepResult r = env.Step(action, observe: false);
                total += r.Reward;
                frames = r.Info.EpisodeFrameNumber;
                // Counted per agent step: a +2 inside one k-block is two points.
                agentPoints += r.Reward > 0 ? (int)r.Reward : 0;
                if (r.Done || frames >= maxFrames)
                {
                    break;
                }
            }

            outcomes.Add(new EpisodeOutcome(total, frames, agentPoints));
            onEpisode?.Invoke(e + 1);
        }

        return outcomes;
    }
}
