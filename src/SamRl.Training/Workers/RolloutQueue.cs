using System.Collections.Concurrent;

namespace SamRl.Training;

/// <summary>Rollouts from the actors to the learner: bounded, so actors cannot run far ahead of the weights they act with.</summary>
public sealed class RolloutQueue(int capacity) : IDisposable
{
    private readonly BlockingCollection<Rollout> _queue = new(capacity);

    public int Count => _queue.Count;

    public bool TryAdd(Rollout rollout, TimeSpan wait) => _queue.TryAdd(rollout, wait);

    public bool TryTake(out Rollout? rollout, TimeSpan wait) => _queue.TryTake(out rollout, wait);

    public void Dispose() => _queue.Dispose();
}
