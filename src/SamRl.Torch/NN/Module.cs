namespace SamRl.Torch.NN;

/// <summary>
/// Base of every layer: named parameters, buffers and submodules (dotted PyTorch names such as
/// "mlp.0.weight"), train/eval, to(device), state dict. Parameters are owned by the module, never by a
/// dispose scope, and are freed when the module is disposed.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<(string Name, Tensor Value)> _parameters = new();
    private readonly List<(string Name, Tensor Value)> _buffers = new();
    private readonly List<(string Name, Module Value)> _modules = new();
    private bool _disposed;

    public bool training { get; private set; } = true;

    protected Tensor RegisterParameter(string name, Tensor value)
    {
        CheckName(name);
        value.DetachFromDisposeScope();
        if (!value.requires_grad) value.requires_grad = true;
        _parameters.Add((name, value));
        return value;
    }

    protected Tensor RegisterBuffer(string name, Tensor value)
    {
        CheckName(name);
        value.DetachFromDisposeScope();
        _buffers.Add((name, value));
        return value;
    }

    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        CheckName(name);
        _modules.Add((name, module));
        return module;
    }

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.')) throw new ArgumentException($"invalid member name '{name}': must be non-empty and without '.'");
        if (_parameters.Any(p => p.Name == name) || _buffers.Any(b => b.Name == name) || _modules.Any(m => m.Name == name))
            throw new ArgumentException($"'{name}' is already registered on {GetType().Name}");
    }

    public IEnumerable<(string name, Tensor parameter)> named_parameters(bool recurse = true)
    {
        foreach (var (n, p) in _parameters) yield return (n, p);
        if (!recurse) yield break;
        foreach (var (mn, m) in _modules)
            foreach (var (n, p) in m.named_parameters(true)) yield return ($"{mn}.{n}", p);
    }

    public IEnumerable<Tensor> parameters(bool recurse = true) => named_parameters(recurse).Select(p => p.parameter);

    public IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true)
    {
        foreach (var (n, b) in _buffers) yield return (n, b);
        if (!recurse) yield break;
        foreach (var (mn, m) in _modules)
            foreach (var (n, b) in m.named_buffers(true)) yield return ($"{mn}.{n}", b);
    }

    public IEnumerable<(string name, Module module)> named_children() => _modules.Select(m => (m.Name, m.Value));

    public IEnumerable<(string name, Module module)> named_modules()
    {
        yield return ("", this);
        foreach (var (mn, m) in _modules)
            foreach (var (n, sub) in m.named_modules()) yield return (n.Length == 0 ? mn : $"{mn}.{n}", sub);
    }

    /// <summary>Total number of parameter elements.</summary>
    public long ParameterCount() => parameters().Sum(p => p.numel());

    public Module train(bool on = true)
    {
        training = on;
        foreach (var (_, m) in _modules) m.train(on);
        return this;
    }

    public Module eval() => train(false);

    /// <summary>Moves parameters and buffers to a device (and/or dtype) in place: existing references stay valid.</summary>
    public Module to(Device device) => Convert(t => t.to(device));

    public Module to(ScalarType dtype) => Convert(t => DTypes.IsFloating(t.dtype) ? t.to(dtype) : t.clone());

    private Module Convert(Func<Tensor, Tensor> convert)
    {
        using var noGrad = torch.no_grad();
        foreach (var (_, p) in named_parameters())
        {
            var moved = convert(p).DetachFromDisposeScope();
            moved.requires_grad = true;
            p.ReplaceWith(moved);
        }
        foreach (var (_, b) in named_buffers())
            b.ReplaceWith(convert(b).DetachFromDisposeScope());
        return this;
    }

    /// <summary>Clears every parameter's gradient (PyTorch's set_to_none=True).</summary>
    public void zero_grad()
    {
        foreach (var p in parameters()) p.grad = null;
    }

    /// <summary>Parameters and buffers by dotted name. The tensors are the module's own: do not dispose them.</summary>
    public Dictionary<string, Tensor> state_dict()
    {
        var d = new Dictionary<string, Tensor>();
        foreach (var (n, p) in named_parameters()) d[n] = p;
        foreach (var (n, b) in named_buffers()) d[n] = b;
        return d;
    }

    /// <summary>
    /// Copies values into the parameters and buffers by name. Shapes must match. With strict, missing
    /// and unexpected names are errors; the message lists them.
    /// </summary>
    public void load_state_dict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        var own = state_dict();
        if (strict)
        {
            var missing = own.Keys.Where(k => !state.ContainsKey(k)).ToList();
            var unexpected = state.Keys.Where(k => !own.ContainsKey(k)).ToList();
            if (missing.Count > 0 || unexpected.Count > 0)
                throw new InvalidDataException($"state dict does not match {GetType().Name}: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]");
        }
        using var noGrad = torch.no_grad();
        foreach (var (name, target) in own)
        {
            if (!state.TryGetValue(name, out var src)) continue;
            var ts = target.shape;
            var ss = src.shape;
            if (!ts.SequenceEqual(ss))
                throw new InvalidDataException($"state dict entry '{name}' has shape [{string.Join(", ", ss)}], {GetType().Name} expects [{string.Join(", ", ts)}]");
            target.copy_(src);
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var (_, p) in _parameters) p.Dispose();
        foreach (var (_, b) in _buffers) b.Dispose();
        foreach (var (_, m) in _modules) m.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A module with one input and one output, usable in <see cref="Sequential"/>.</summary>
public abstract class Module<TIn, TOut> : Module
{
    public abstract TOut forward(TIn input);

    public TOut call(TIn input) => forward(input);
}
