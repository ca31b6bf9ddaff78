using SamRl.Torch;

namespace SamRl.Memory;

/// <summary>
/// The state a recurrent core carries between steps: named tensors, batch first
/// (e.g. LSTM: h [B,H], c [B,H]; STM: h [B,a], Mi [B,d,d], Mr [B,N,d,d]).
/// </summary>
public sealed class RecurrentState : IDisposable
{
    private readonly (string Name, Tensor Value)[] _items;

    public RecurrentState(params (string Name, Tensor Value)[] items) => _items = items;

    public int Count => _items.Length;
    public IEnumerable<string> Names => _items.Select(i => i.Name);
    public IEnumerable<Tensor> Tensors => _items.Select(i => i.Value);

    public Tensor this[string name] => _items.FirstOrDefault(i => i.Name == name).Value
        ?? throw new KeyNotFoundException($"recurrent state has no '{name}' (has: {string.Join(", ", Names)})");

    public Tensor this[int index] => _items[index].Value;

    /// <summary>The tensor named <paramref name="name"/>, or null when the state has none.</summary>
    public Tensor? TryGet(string name) => _items.FirstOrDefault(i => i.Name == name).Value;

    /// <summary>Same values cut from the graph: truncated BPTT at rollout boundaries.</summary>
    public RecurrentState Detach() => new(_items.Select(i => (i.Name, i.Value.detach())).ToArray());

    /// <summary>Hands every tensor to the enclosing dispose scope (see <see cref="DisposeScope.MoveToOuter(Tensor)"/>).</summary>
    public RecurrentState MoveToOuter(DisposeScope scope)
    {
        foreach (var (_, v) in _items) scope.MoveToOuter(v);
        return this;
    }

    /// <summary>Takes the tensors out of any dispose scope: the caller owns them.</summary>
    public RecurrentState DetachFromDisposeScope()
    {
        foreach (var (_, v) in _items) v.DetachFromDisposeScope();
        return this;
    }

    public void Dispose()
    {
        foreach (var (_, v) in _items) v.Dispose();
    }
}
