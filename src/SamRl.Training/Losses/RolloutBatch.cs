using SamRl.Memory;
using SamRl.Torch;

namespace SamRl.Training;

/// <summary>
/// B rollouts of possibly different lengths as padded, time-major tensors on one device, ready for
/// <see cref="SamRl.Agents.ActorCritic.Evaluate"/>: frames [F, B, *obs] with F = the most observations any rollout
/// needs (its T steps, plus s_T when it bootstraps), actions [T, B] and a validity mask [T, B] with T = the longest
/// rollout. Padding is zeros and masked out of the loss; what the network computes past a rollout's end is never read.
/// </summary>
public sealed class RolloutBatch : IDisposable
{
    private RolloutBatch(IReadOnlyList<Rollout> rollouts, Tensor frames, Tensor actions, Tensor mask, int steps)
    {
        Rollouts = rollouts;
        Frames = frames;
        Actions = actions;
        Mask = mask;
        Steps = steps;
    }

    public IReadOnlyList<Rollout> Rollouts { get; }

    public int Size => Rollouts.Count;

    /// <summary>The longest rollout's T.</summary>
    public int Steps { get; }

    public Tensor Frames { get; }

    /// <summary>int64 [T, B].</summary>
    public Tensor Actions { get; }

    /// <summary>float [T, B]: 1 where step t of rollout b exists.</summary>
    public Tensor Mask { get; }

    public static RolloutBatch Create(IReadOnlyList<Rollout> rollouts, Device device)
    {
        if (rollouts.Count == 0) throw new ArgumentException("a batch needs at least one rollout");
        var shape = rollouts[0].ObservationShape;
        int obsLen = rollouts[0].ObservationLength;
        foreach (var r in rollouts)
            if (!r.ObservationShape.SequenceEqual(shape)) throw new ArgumentException("rollouts of one batch must share an observation shape");
        int b = rollouts.Count;
        int frames = rollouts.Max(r => r.FramesNeeded);
        int steps = rollouts.Max(r => r.Length);
        var obs = new float[(long)frames * b * obsLen];
        var actions = new long[steps * b];
        var mask = new float[steps * b];
        for (int i = 0; i < b; i++)
        {
            var r = rollouts[i];
            for (int t = 0; t < r.FramesNeeded; t++)
                Array.Copy(r.Observations, (long)t * obsLen, obs, ((long)t * b + i) * obsLen, obsLen);
            for (int t = 0; t < r.Length; t++)
            {
                actions[t * b + i] = r.Actions[t];
                mask[t * b + i] = 1;
            }
        }

        using var scope = torch.NewDisposeScope();
        long[] frameShape = [frames, b, .. shape.Select(s => (long)s)];
        var f = torch.tensor<float>(obs, frameShape);
        var a = torch.tensor<long>(actions, [steps, b]);
        var m = torch.tensor<float>(mask, [steps, b]);
        if (device.type != DeviceType.CPU)
        {
            f = f.to(device);
            a = a.to(device);
            m = m.to(device);
        }

        f.DetachFromDisposeScope();
        a.DetachFromDisposeScope();
        m.DetachFromDisposeScope();
        return new RolloutBatch(rollouts, f, a, m, steps);
    }

    /// <summary>
    /// The batched state before step 0: each rollout's snapshot, or, for rollouts that start an episode,
    /// <paramref name="initial"/>(1) built from the model's parameters (so the learned initial memory gets its gradient).
    /// </summary>
    public RecurrentState InitialState(Func<long, RecurrentState> initial, Device device)
    {
        using var scope = torch.NewDisposeScope();
        var parts = new List<RecurrentState>(Size);
        foreach (var r in Rollouts) parts.Add(r.Initial is null ? initial(1) : StateSnapshot.Stack([r.Initial], device));
        if (parts.Count == 1) return parts[0].MoveToOuter(scope);
        var names = parts[0].Names.ToArray();
        var items = names.Select(n => (n, torch.cat(parts.Select(p => p[n]).ToList(), 0))).ToArray();
        return new RecurrentState(items).MoveToOuter(scope);
    }

    public void Dispose()
    {
        Frames.Dispose();
        Actions.Dispose();
        Mask.Dispose();
    }
}
