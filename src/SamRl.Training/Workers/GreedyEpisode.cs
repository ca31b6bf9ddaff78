using SamRl.Agents;
using SamRl.Envs;
using SamRl.Torch;

namespace SamRl.Training;

/// <summary>
/// Plays one episode with the most probable action at every step (the reference's action_test), or actions sampled
/// from the policy when a <c>sampler</c> is given, under no_grad.
/// </summary>
public static class GreedyEpisode
{
    /// <summary>The episode's unclipped return and length, or null when cancelled first. <paramref name="onStep"/> sees each step.</summary>
    public static EpisodeStatistics? Play(ActorCritic model, IEnv env, int seed, CancellationToken token, Action<StepView>? onStep = null, Random? sampler = null)
    {
        using var noGrad = torch.no_grad();
        var shape = model.ObservationShape;
        var (obs, _) = env.Reset(seed);
        var state = model.InitialState(1).DetachFromDisposeScope();
        var buffer = new float[obs.Length];
        double total = 0;
        long steps = 0;
        try
        {
            while (!token.IsCancellationRequested)
            {
                using var scope = torch.NewDisposeScope();
                obs.ToFloats(buffer);
                var (logits, value, next) = model.Act(torch.tensor<float>(buffer, [1, .. shape]), state);
                var probs = logits.softmax(1).data<float>();
                int action = sampler is null ? Greedy(probs) : Sample(probs, sampler);
                var r = env.Step(action);
                total += r.Reward;
                steps++;
                onStep?.Invoke(new StepView(steps, action, probs, value.item(), r));
                state.Dispose();
                state = next.DetachFromDisposeScope();
                obs = r.Observation;
                if (r.Done) return r.Info.Episode ?? new EpisodeStatistics(total, r.Info.EpisodeFrameNumber);
            }

            return null;
        }
        finally
        {
            state.Dispose();
        }
    }

    private static int Greedy(float[] probs)
    {
        int action = 0;
        for (int a = 1; a < probs.Length; a++) if (probs[a] > probs[action]) action = a;
        return action;
    }

    private static int Sample(float[] probs, Random rng)
    {
        double u = rng.NextDouble(), sum = 0;
        for (int a = 0; a < probs.Length; a++)
        {
            sum += probs[a];
            if (u < sum) return a;
        }

        return probs.Length - 1;
    }
}

/// <summary>One greedy step as a viewer sees it: the step number, the action, the action probabilities, the value estimate and what the env returned.</summary>
public readonly record struct StepView(long Step, int Action, float[] Probabilities, double Value, StepResult Result);
