namespace SamRl.Torch;

/// <summary>
/// Frees every tensor created on this thread while the scope is the innermost one, except those moved
/// out with <see cref="MoveToOuter"/> or <see cref="Tensor.DetachFromDisposeScope"/>. A training step
/// inside a scope therefore leaves nothing for the GC to collect.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? t_current;

    private readonly List<Tensor> _owned = new();
    private readonly DisposeScope? _outer;
    private bool _disposed;

    internal DisposeScope()
    {
        _outer = t_current;
        t_current = this;
    }

    internal static DisposeScope? Current => t_current;

    /// <summary>Number of tensors this scope will free.</summary>
    public int Count => _owned.Count(t => t.Scope == this);

    internal void Track(Tensor t)
    {
        t.Scope = this;
        _owned.Add(t);
    }

    /// <summary>Hands these tensors to the enclosing scope (or to nobody: then the caller owns them).</summary>
    public Tensor MoveToOuter(Tensor tensor)
    {
        if (tensor.Scope != this) return tensor;
        tensor.Scope = null;
        _outer?.Track(tensor);
        return tensor;
    }

    public void MoveToOuter(params Tensor[] tensors)
    {
        foreach (var t in tensors) MoveToOuter(t);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            var t = _owned[i];
            if (t.Scope == this)
            {
                t.Scope = null;
                t.Dispose();
            }
        }
        _owned.Clear();
        // Scopes must nest; tolerate out-of-order disposal by only popping ourselves.
        if (t_current == this) t_current = _outer;
    }
}
