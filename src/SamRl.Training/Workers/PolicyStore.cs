using SamRl.Agents;
using SamRl.Torch.NN;

namespace SamRl.Training;

/// <summary>
/// The weights the learner publishes for its actors (learner mode): a CPU copy of the learner's model and the update
/// count it was taken at. The learner writes after each update; actors copy it when its version moved. The only
/// thing that crosses from learner to actors, so the boundary stays "rollouts in, weights out".
/// </summary>
public sealed class PolicyStore : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly ActorCritic _weights;
    private long _version;

    /// <param name="learner">The learner's model (any device).</param>
    /// <param name="store">A CPU model of the same structure that holds the published weights (the store owns it).</param>
    /// <param name="version">The update count the learner's weights are at (a resumed run's, or 0).</param>
    public PolicyStore(ActorCritic learner, ActorCritic store, long version = 0)
    {
        _weights = store;
        _version = version;
        WeightCopy.Copy(learner, _weights);
    }

    public long Version => Interlocked.Read(ref _version);

    public void Publish(Module learner, long version)
    {
        _lock.EnterWriteLock();
        try
        {
            WeightCopy.Copy(learner, _weights);
            Interlocked.Exchange(ref _version, version);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Copies the published weights into <paramref name="local"/>; returns their version.</summary>
    public long CopyTo(Module local)
    {
        _lock.EnterReadLock();
        try
        {
            WeightCopy.Copy(_weights, local);
            return Version;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose()
    {
        _weights.Dispose();
        _lock.Dispose();
    }
}
