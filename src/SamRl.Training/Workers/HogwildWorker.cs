using SamRl.Agents;
using SamRl.Torch;
using SamRl.Torch.NN;
using SamRl.Torch.Optim;

namespace SamRl.Training;

/// <summary>
/// One hogwild actor (the A3C of Mnih et al. 2016 and of the reference): before each rollout it copies the shared
/// weights into its local model, plays the rollout with them, computes the loss and gradients on the local model
/// (the encoder once over all the rollout's frames) and applies them to the shared weights through the shared
/// optimizer, without locks.
/// </summary>
internal sealed class HogwildWorker(Actor actor, ActorCritic shared, Optimizer optimizer, A3CConfig config, A3CLoss.Settings settings,
    TrainingCounters counters, RunLog log, PauseGate gate)
{
    public void Run(CancellationToken token)
    {
        torch.set_num_threads(config.ActorThreads);
        var local = actor.Model;
        var localParams = local.parameters().ToArray();
        try
        {
            while (!token.IsCancellationRequested && counters.Frames < config.Frames)
            {
                gate.Park(token);
                if (token.IsCancellationRequested || counters.Frames >= config.Frames) break;
                WeightCopy.Copy(shared, local);
                long copiedAt = counters.Updates;
                var rollouts = actor.Collect(config.RolloutSteps, copiedAt, log);
                using var scope = torch.NewDisposeScope();
                using var batch = RolloutBatch.Create(rollouts, Device.CPU);
                local.zero_grad();
                var (loss, stats) = A3CLoss.Compute(local, batch, settings);
                loss.backward();
                double norm = config.GradClip > 0 ? utils.clip_grad_norm_(localParams, config.GradClip) : WeightCopy.GradNorm(localParams);
                optimizer.step(localParams.Select(p => p.grad).ToArray());
                long update = counters.NextUpdate();
                // Updates other actors applied to the shared weights while this rollout played with its copy.
                log.Updated(new UpdateStats(stats, norm, update - 1 - copiedAt));
            }
        }
        finally
        {
            gate.Leave();
        }
    }
}
