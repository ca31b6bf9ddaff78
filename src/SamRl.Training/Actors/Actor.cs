using SamRl.Agents;
using SamRl.Envs;
using SamRl.Envs.Wrappers;
using SamRl.Memory;
using SamRl.Torch;

namespace SamRl.Training;

/// <summary>
/// One actor: a local copy of the agent (CPU), one or more environments stepped in lockstep, and a generator for
/// sampling actions. <see cref="Collect"/> plays one rollout per environment under no_grad: actions are sampled from
/// softmax(logits), rewards are clipped to ±<c>rewardClip</c> for training, and recurrent state is carried from
/// rollout to rollout (a rollout stores it as a detached snapshot) and reset where an episode ends.
/// Every episode starts from env.Reset(seed) with a seed from (run seed, environment, episode number), so episodes
/// are reproducible and a resumed actor needs no environment state.
/// </summary>
public sealed class Actor : IDisposable
{
    private readonly Slot[] _slots;
    private readonly Xoshiro256 _rng;
    private readonly int _seed;
    private readonly float _rewardClip;
    private readonly int[] _shape;
    private readonly long[] _shapeLong;
    private readonly int _obsLength;

    public Actor(int rank, ActorCritic model, IReadOnlyList<IEnv> envs, int seed, double rewardClip)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (envs.Count == 0) throw new ArgumentException("an actor needs at least one environment");
        Rank = rank;
        Model = model;
        _seed = seed;
        _rewardClip = (float)rewardClip;
        _rng = new Xoshiro256(SeedFor(seed, rank, -1, 0));
        _shape = envs[0].ObservationSpace.Shape;
        _shapeLong = _shape.Select(s => (long)s).ToArray();
        if (!_shapeLong.SequenceEqual(model.ObservationShape))
            throw new ArgumentException($"the environment observes [{string.Join(", ", _shape)}], the agent expects [{string.Join(", ", model.ObservationShape)}]");
        _obsLength = envs[0].ObservationSpace.Length;
        _slots = envs.Select((e, i) => new Slot(e, _obsLength, Wrapper.Find<NormalizeObservation>(e))).ToArray();
    }

    public int Rank { get; }

    /// <summary>The actor's own copy of the agent: it acts with these weights (and, in hogwild mode, computes its gradients on them).</summary>
    public ActorCritic Model { get; }

    public int EnvironmentCount => _slots.Length;

    public IEnv Environment(int index) => _slots[index].Env;

    /// <summary>A seed for (run seed, actor, environment, episode): SplitMix of the four, so no two streams coincide.</summary>
    public static ulong SeedFor(int seed, int rank, int env, long episode)
    {
        ulong z = (ulong)(uint)seed;
        foreach (var part in new[] { (ulong)(uint)rank, (ulong)(uint)env, (ulong)episode })
        {
            z = (z ^ part) + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
        }

        return z;
    }

    public ActorState SaveState() => new(Rank, _rng.State, _slots.Select(s => s.Episodes).ToArray(), _slots.Select(s => s.Normalizer?.State).ToArray());

    /// <summary>Continues from a checkpoint's state; every environment starts a new episode.</summary>
    public void RestoreState(ActorState state)
    {
        if (state.Rank != Rank || state.Episodes.Length != _slots.Length || state.Normalizers.Length != _slots.Length)
            throw new InvalidDataException($"checkpoint state of actor {state.Rank} ({state.Episodes.Length} environments) does not fit actor {Rank} ({_slots.Length})");
        _rng.State = state.Rng;
        for (int i = 0; i < _slots.Length; i++)
        {
            var slot = _slots[i];
            slot.Episodes = state.Episodes[i];
            if (slot.Normalizer is not null && state.Normalizers[i] is { } n) slot.Normalizer.State = n;
            slot.NeedsReset = true;
        }
    }

    /// <summary>
    /// Plays up to <paramref name="steps"/> steps in every environment and returns one rollout each. An environment whose
    /// episode ends stops there (its rollout is shorter) and starts a new episode at the next call.
    /// </summary>
    public IReadOnlyList<Rollout> Collect(int steps, long policyVersion, IActorSink sink)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        using var noGrad = torch.no_grad();
        int k = _slots.Length;
        var buffers = new RolloutBuffer[k];
        for (int i = 0; i < k; i++)
        {
            var slot = _slots[i];
            bool starts = slot.NeedsReset;
            if (starts) Reset(i, sink);
            buffers[i] = new RolloutBuffer(steps, _obsLength, starts ? null : StateSnapshot.Of(slot.State!));
            buffers[i].SetObservation(0, slot.ObservationValues);
        }

        var active = new List<int>(k);
        int actions = Model.ActionCount;
        for (int t = 0; t < steps; t++)
        {
            active.Clear();
            for (int i = 0; i < k; i++)
                if (!buffers[i].Done) active.Add(i);
            if (active.Count == 0) break;

            using var scope = torch.NewDisposeScope();
            var (logits, _, next) = Model.Act(ObservationBatch(active), StateBatch(active));
            var probs = logits.softmax(1).contiguous().data<float>();
            var logProbs = logits.log_softmax(1).contiguous().data<float>();
            for (int j = 0; j < active.Count; j++)
            {
                int i = active[j];
                var slot = _slots[i];
                int a = _rng.Categorical(probs.AsSpan(j * actions, actions));
                var result = slot.Env.Step(a);
                sink.Frames(slot.TakeFrames(result.Info.FrameNumber));
                float reward = _rewardClip > 0 ? Math.Clamp(result.Reward, -_rewardClip, _rewardClip) : result.Reward;
                slot.SetObservation(result.Observation);
                var buffer = buffers[i];
                buffer.Add(a, reward, logProbs[(j * actions) + a], slot.ObservationValues);
                slot.ReplaceState(active.Count == 1 ? next : Row(next, j));
                if (result.Done)
                {
                    buffer.End(result.Terminated);
                    slot.NeedsReset = true;
                    if (result.Info.Episode is { } ep) sink.EpisodeEnded(Rank, ep);
                }
            }
        }

        return buffers.Select(b => b.ToRollout(Rank, policyVersion, _shape)).ToArray();
    }

    private void Reset(int i, IActorSink sink)
    {
        var slot = _slots[i];
        int envSeed = (int)(SeedFor(_seed, Rank, i, slot.Episodes) & 0x7FFFFFFF);
        slot.Episodes++;
        var (obs, info) = slot.Env.Reset(envSeed);
        sink.Frames(slot.TakeFrames(info.FrameNumber));
        slot.SetObservation(obs);
        slot.State?.Dispose();
        // Copies, not views of the learned initial memory: the actor's weights are overwritten in place between rollouts.
        using var scope = torch.NewDisposeScope();
        var initial = Model.InitialState(1);
        slot.State = new RecurrentState(initial.Names.Select(n => (n, initial[n].clone().DetachFromDisposeScope())).ToArray());
        slot.NeedsReset = false;
    }

    private Tensor ObservationBatch(List<int> active)
    {
        if (active.Count == 1) return torch.tensor<float>(_slots[active[0]].ObservationValues, [1, .. _shapeLong]);
        var all = new float[active.Count * _obsLength];
        for (int j = 0; j < active.Count; j++) _slots[active[j]].ObservationValues.CopyTo(all.AsSpan(j * _obsLength));
        return torch.tensor<float>(all, [active.Count, .. _shapeLong]);
    }

    private RecurrentState StateBatch(List<int> active)
    {
        if (active.Count == 1) return _slots[active[0]].State!;
        var first = _slots[active[0]].State!;
        var items = first.Names.Select(n => (n, torch.cat(active.Select(i => _slots[i].State![n]).ToList(), 0))).ToArray();
        return new RecurrentState(items);
    }

    private static RecurrentState Row(RecurrentState batched, int row) =>
        new(batched.Names.Select(n => (n, batched[n].narrow(0, row, 1))).ToArray());

    public void Dispose()
    {
        foreach (var s in _slots)
        {
            s.State?.Dispose();
            s.Env.Dispose();
        }
    }

    /// <summary>One environment of the actor and what the actor keeps of it between steps.</summary>
    private sealed class Slot(IEnv env, int obsLength, NormalizeObservation? normalizer)
    {
        private readonly float[] _obs = new float[obsLength];
        private long _lastFrameNumber;

        public IEnv Env { get; } = env;

        public NormalizeObservation? Normalizer { get; } = normalizer;

        public RecurrentState? State { get; set; }

        public bool NeedsReset { get; set; } = true;

        public long Episodes { get; set; }

        /// <summary>The current observation, copied (the environment's own arrays are only lent until its next step).</summary>
        public ReadOnlySpan<float> ObservationValues => _obs;

        public void SetObservation(Observation observation) => observation.ToFloats(_obs);

        /// <summary>Frames played since the last call, from the environment's cumulative frame number.</summary>
        public long TakeFrames(long frameNumber)
        {
            long n = Math.Max(0, frameNumber - _lastFrameNumber);
            _lastFrameNumber = frameNumber;
            return n;
        }

        /// <summary>Takes the new state out of the step's dispose scope and frees the old one.</summary>
        public void ReplaceState(RecurrentState next)
        {
            var old = State;
            State = next.DetachFromDisposeScope();
            old?.Dispose();
        }
    }
}
