using SamRl.Torch;

namespace SamRl.Training;

/// <summary>
/// An actor of learner mode: it only acts. Before each rollout it takes the learner's newest published weights (when
/// they moved), plays one rollout per environment and queues them for the learner.
/// </summary>
internal sealed class ActorWorker(Actor actor, PolicyStore store, RolloutQueue queue, A3CConfig config, TrainingCounters counters, RunLog log, PauseGate gate)
{
    private static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(50);

    public int Rank => actor.Rank;

    /// <summary>Set when the actor is done (budget reached or stopped); the learner stops once every actor is.</summary>
    public bool Finished { get; private set; }

    public void Run(CancellationToken token)
    {
        torch.set_num_threads(config.ActorThreads);
        long version = -1;
        try
        {
            while (!token.IsCancellationRequested && counters.Frames < config.Frames)
            {
                gate.Park(token);
                if (token.IsCancellationRequested || counters.Frames >= config.Frames) break;
                if (store.Version != version) version = store.CopyTo(actor.Model);
                foreach (var r in actor.Collect(config.RolloutSteps, version, log))
                {
                    while (!queue.TryAdd(r, Wait))
                    {
                        if (token.IsCancellationRequested) return;
                        // The learner parks for a checkpoint while the queue is full: park too, or the pause never completes.
                        if (gate.PauseRequested) gate.Park(token);
                    }
                }
            }
        }
        finally
        {
            Finished = true;
            gate.Leave();
        }
    }
}
