namespace SamRl.Training;

/// <summary>Fills one <see cref="Rollout"/> step by step while an actor plays.</summary>
internal sealed class RolloutBuffer(int steps, int obsLength, StateSnapshot? initial)
{
    private readonly float[] _obs = new float[(steps + 1) * obsLength];
    private readonly int[] _actions = new int[steps];
    private readonly float[] _rewards = new float[steps];
    private readonly float[] _logProbs = new float[steps];
    private int _length;
    private bool _terminated;

    public bool Done { get; private set; }

    public void SetObservation(int index, ReadOnlySpan<float> observation) => observation.CopyTo(_obs.AsSpan(index * obsLength, obsLength));

    /// <summary>Records step t (action, clipped reward, log μ(a)) and the observation after it.</summary>
    public void Add(int action, float reward, float logProb, ReadOnlySpan<float> next)
    {
        _actions[_length] = action;
        _rewards[_length] = reward;
        _logProbs[_length] = logProb;
        _length++;
        SetObservation(_length, next);
        if (_length == steps) Done = true;
    }

    /// <summary>The episode ended at the last step added; terminated: the game is over (no bootstrap), else truncated.</summary>
    public void End(bool terminated)
    {
        Done = true;
        _terminated = terminated;
    }

    public Rollout ToRollout(int actor, long policyVersion, int[] shape) => new()
    {
        Actor = actor,
        PolicyVersion = policyVersion,
        Observations = _length == steps ? _obs : _obs.AsSpan(0, (_length + 1) * obsLength).ToArray(),
        ObservationShape = shape,
        Actions = _length == steps ? _actions : _actions[.._length],
        Rewards = _length == steps ? _rewards : _rewards[.._length],
        BehaviourLogProbs = _length == steps ? _logProbs : _logProbs[.._length],
        Terminated = _terminated,
        Initial = initial,
    };
}
