using SamRl.Envs.Pong;

namespace SamRl.Envs.Diagnostics;

/// <summary>
/// Plays a <see cref="ScreenPolicy"/> on a raw Pong env (built-in or ALE) with agent frame skip k: the action is
/// repeated k emulator frames, the policy sees the screen of the last one, the episode stops at the first game-over
/// frame (also inside a block), as pong-facts.md section 5 measured. Every agent step, and the reset screen as
/// frame 0, is reported with positions read from the screen, never from the game's state.
/// </summary>
public static class ScreenTrace
{
    public static TraceSummary Run(IEnv env, ScreenPolicy policy, int skip, long maxFrames, int seed, Action<TraceStep> onStep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrames, 1);
        int k = Math.Max(skip, 1);
        IReadOnlyList<string> names = env.ActionMeanings;
        var (observation, _) = env.Reset(seed);
        PongScreenPositions seen = PongScreenReader.Read(observation.ByteSpan);
        onStep(new TraceStep(0, "-", 0, seen));
        var pointFrames = new List<long>();
        int agent = 0, cpu = 0;
        long frame = 0;
        bool over = false;
        while (!over && frame < maxFrames)
        {
            int action = policy.Act(seen);
            int reward = 0;
            for (int i = 0; i < k && frame < maxFrames; i++)
            {
                StepResult r = env.Step(action, observe: true);
                frame = r.Info.EpisodeFrameNumber;
                observation = r.Observation;
                int points = (int)r.Reward;
                reward += points;
                if (points != 0)
                {
                    pointFrames.Add(frame);
                    agent += Math.Max(points, 0);
                    cpu += Math.Max(-points, 0);
                }

                if (r.Done)
                {
                    over = true;
                    break;
                }
            }

            seen = PongScreenReader.Read(observation.ByteSpan);
            onStep(new TraceStep(frame, action < names.Count ? names[action] : action.ToString(), reward, seen));
        }

        return new TraceSummary(frame, agent, cpu, pointFrames, over);
    }
}
