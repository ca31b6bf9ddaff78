using SamRl.Memory;
using SamRl.Torch;

namespace SamRl.Training;

/// <summary>
/// A recurrent state as plain arrays (name, shape, float32 values) for one environment (batch 1): what a rollout
/// carries across the actor/learner boundary instead of live tensors, so the boundary stays serialisable.
/// </summary>
public sealed record StateSnapshot(IReadOnlyList<(string Name, long[] Shape, float[] Values)> Items)
{
    /// <summary>Copies a batch-1 state off the device (detached).</summary>
    public static StateSnapshot Of(RecurrentState state)
    {
        using var scope = torch.NewDisposeScope();
        var items = new List<(string, long[], float[])>();
        foreach (var name in state.Names)
        {
            var t = state[name];
            if (t.size(0) != 1) throw new ArgumentException($"a snapshot is of one environment; '{name}' has batch {t.size(0)}");
            items.Add((name, t.shape, t.detach().to(ScalarType.Float32, SamRl.Torch.Device.CPU).contiguous().data<float>()));
        }

        return new StateSnapshot(items);
    }

    /// <summary>Stacks snapshots of several environments into one batched state on <paramref name="device"/>.</summary>
    public static RecurrentState Stack(IReadOnlyList<StateSnapshot> snapshots, SamRl.Torch.Device device)
    {
        if (snapshots.Count == 0) throw new ArgumentException("no snapshots to stack");
        var first = snapshots[0].Items;
        using var scope = torch.NewDisposeScope();
        var items = new (string, Tensor)[first.Count];
        for (int i = 0; i < first.Count; i++)
        {
            var (name, shape, _) = first[i];
            var parts = new List<Tensor>(snapshots.Count);
            foreach (var s in snapshots)
            {
                var (n, sh, values) = s.Items[i];
                if (n != name || !sh.SequenceEqual(shape)) throw new ArgumentException($"snapshots disagree on state entry {i}: '{n}' {string.Join("x", sh)} vs '{name}' {string.Join("x", shape)}");
                parts.Add(torch.tensor<float>(values, shape));
            }

            var stacked = parts.Count == 1 ? parts[0] : torch.cat(parts, 0);
            items[i] = (name, device.type == DeviceType.CPU ? stacked : stacked.to(device));
        }

        return new RecurrentState(items).MoveToOuter(scope);
    }
}
