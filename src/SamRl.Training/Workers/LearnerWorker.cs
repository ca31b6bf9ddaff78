using SamRl.Agents;
using SamRl.Torch;
using SamRl.Torch.NN;
using SamRl.Torch.Optim;

namespace SamRl.Training;

/// <summary>
/// The learner of learner mode: it owns the model on its device (the GPU when there is one), trains on batches of
/// rollouts from every actor (V-trace corrects for the actors' stale weights), and publishes the weights after each
/// update. The policy lag it logs is how many updates old the weights that played each rollout were.
/// </summary>
internal sealed class LearnerWorker(ActorCritic model, Optimizer optimizer, PolicyStore store, RolloutQueue queue, A3CConfig config,
    A3CLoss.Settings settings, TrainingCounters counters, RunLog log, PauseGate gate, Device device)
{
    private static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(50);

    /// <summary>Whether every actor has stopped (then a batch that cannot fill ends the learner).</summary>
    public Func<bool> ActorsFinished { get; init; } = () => false;

    public void Run(CancellationToken token)
    {
        torch.set_num_threads(config.LearnerThreads);
        var parameters = model.parameters().ToArray();
        int batchSize = config.ResolvedLearnerBatch;
        var pending = new List<Rollout>(batchSize);
        try
        {
            while (!token.IsCancellationRequested)
            {
                gate.Park(token);
                while (pending.Count < batchSize && !token.IsCancellationRequested)
                {
                    if (queue.TryTake(out var r, Wait)) pending.Add(r!);
                    else if (ActorsFinished() && queue.Count == 0) return;
                    else if (gate.PauseRequested) gate.Park(token);
                }

                if (token.IsCancellationRequested) return;
                Update(pending, parameters);
                pending.Clear();
            }
        }
        finally
        {
            gate.Leave();
        }
    }

    private void Update(List<Rollout> rollouts, Tensor[] parameters)
    {
        using var scope = torch.NewDisposeScope();
        using var batch = RolloutBatch.Create(rollouts, device);
        optimizer.zero_grad(setToNone: true);
        var (loss, stats) = A3CLoss.Compute(model, batch, settings);
        loss.backward();
        double norm = config.GradClip > 0 ? utils.clip_grad_norm_(parameters, config.GradClip) : WeightCopy.GradNorm(parameters);
        optimizer.step();
        long update = counters.NextUpdate();
        store.Publish(model, update);
        double lag = rollouts.Average(r => (double)(update - 1 - r.PolicyVersion));
        log.Updated(new UpdateStats(stats, norm, lag));
    }
}
