namespace SamRl.Torch.Optim;

/// <summary>
/// Base of the torch.optim-shaped optimizers. State tensors (moments, buffers) are allocated when the
/// optimizer is built and owned by it (dispose the optimizer to free them); a step allocates nothing
/// that outlives it (it runs under no_grad inside its own dispose scope).
/// <para>
/// Hogwild / A3C use (one optimizer shared by several actor threads, like pytorch-a3c's SharedAdam):
/// build the optimizer once over the shared model's parameters; each actor thread keeps a local model,
/// computes its loss and backward on it, then calls <see cref="step(IReadOnlyList{Tensor?})"/> with its
/// local gradients (in the same order as the shared parameters) and copies the shared weights back.
/// Steps from different threads update the shared parameters and state tensors in place without locks,
/// as PyTorch does, so updates may interleave element-wise (Hogwild); the C# state is never corrupted
/// and the per-parameter step counters are incremented atomically. If actors instead copy their
/// gradients into the shared parameters' .grad (pytorch-a3c style), call <see cref="init_shared_grads"/>
/// once before the threads start, have each thread write with <c>shared.grad.copy_(local.grad)</c>
/// (in place), never assign .grad or call zero_grad(set_to_none: true) while other threads step, and
/// call the parameterless <see cref="step()"/>.
/// </para>
/// </summary>
public abstract class Optimizer : IDisposable
{
    private readonly List<ParamGroup> _groups;
    private readonly Tensor[] _params;
    private readonly long[] _steps;
    private long _stepCalls;
    private bool _disposed;

    protected Optimizer(IEnumerable<Tensor> parameters, double lr)
        : this([new ParamGroup(parameters ?? throw new ArgumentNullException(nameof(parameters)))], lr)
    {
    }

    protected Optimizer(IEnumerable<ParamGroup> groups, double lr)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (!(lr >= 0)) throw new ArgumentOutOfRangeException(nameof(lr), $"learning rate must be >= 0, got {lr}");
        _groups = groups.ToList();
        if (_groups.Count == 0) throw new ArgumentException("optimizer got an empty parameter list");
        foreach (var g in _groups) g.lr = g.LrOverride ?? lr;
        _params = _groups.SelectMany(g => g.parameters).ToArray();
        if (_params.Length == 0) throw new ArgumentException("optimizer got an empty parameter list");
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < _params.Length; i++)
        {
            var p = _params[i] ?? throw new ArgumentException($"parameter {i} is null");
            if (!seen.Add(p)) throw new ArgumentException($"parameter {i} appears more than once in the optimizer's parameter list");
            if (!p.is_leaf) throw new ArgumentException($"can't optimize a non-leaf tensor (parameter {i}, shape {p.ShapeString()})");
        }
        _steps = new long[_params.Length];
    }

    public IReadOnlyList<ParamGroup> param_groups => _groups;

    /// <summary>All parameters, group by group, in the order step(grads) expects the gradients.</summary>
    public IReadOnlyList<Tensor> parameters => _params;

    /// <summary>The first group's learning rate; setting it sets every group's.</summary>
    public double lr
    {
        get => _groups[0].lr;
        set { foreach (var g in _groups) g.lr = value; }
    }

    /// <summary>Number of completed step() calls (all threads).</summary>
    public long step_count => Interlocked.Read(ref _stepCalls);

    /// <summary>How many updates parameter <paramref name="index"/> has had (PyTorch's state['step']).</summary>
    public long step_of(int index) => Interlocked.Read(ref _steps[index]);

    /// <summary>How many updates <paramref name="parameter"/> has had.</summary>
    public long step_of(Tensor parameter) => step_of(IndexOf(parameter));

    protected int IndexOf(Tensor parameter)
    {
        int i = Array.IndexOf(_params, parameter);
        if (i < 0) throw new ArgumentException("tensor is not a parameter of this optimizer");
        return i;
    }

    /// <summary>Zeroes gradients in place (PyTorch 1.13's default) or, with setToNone, drops them.</summary>
    public void zero_grad(bool setToNone = false)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        foreach (var p in _params)
        {
            if (setToNone) { p.grad = null; continue; }
            p.grad?.zero_();
        }
    }

    /// <summary>Gives every parameter a zero .grad if it has none, so threads can later fill it with copy_.</summary>
    public void init_shared_grads()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        foreach (var p in _params)
            if (p.grad is null) p.grad = torch.zeros_like(p);
    }

    /// <summary>One update from each parameter's .grad (parameters without one are skipped).</summary>
    public void step() => StepCore(null);

    /// <summary>
    /// One update from explicit gradients, one per parameter in <see cref="parameters"/> order (null skips
    /// that parameter). The parameters' own .grad is neither read nor written: the thread-safe way for
    /// several actor threads to update one shared model.
    /// </summary>
    public void step(IReadOnlyList<Tensor?> grads)
    {
        ArgumentNullException.ThrowIfNull(grads);
        if (grads.Count != _params.Length) throw new ArgumentException($"step got {grads.Count} gradients for {_params.Length} parameters");
        StepCore(grads);
    }

    private void StepCore(IReadOnlyList<Tensor?>? grads)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var noGrad = torch.no_grad();
        int index = 0;
        foreach (var group in _groups)
        {
            double lr = group.lr;
            foreach (var p in group.parameters)
            {
                int i = index++;
                using var scope = torch.NewDisposeScope();
                var g = grads is null ? p.grad : grads[i];
                if (g is null) continue;
                if (!g.shape.AsSpan().SequenceEqual(p.shape))
                    throw new ArgumentException($"gradient of parameter {i} has shape {g.ShapeString()}, the parameter {p.ShapeString()}");
                long step = Interlocked.Increment(ref _steps[i]);
                Update(i, p, g, lr, step);
            }
        }
        Interlocked.Increment(ref _stepCalls);
    }

    /// <summary>
    /// Updates parameter <paramref name="index"/> in place. Runs under no_grad inside a dispose scope that
    /// frees every temporary; <paramref name="step"/> is this parameter's update count including this one.
    /// </summary>
    protected abstract void Update(int index, Tensor param, Tensor grad, double lr, long step);

    /// <summary>The state tensors of parameter <paramref name="index"/> by name (owned by the optimizer; do not dispose).</summary>
    public abstract IReadOnlyDictionary<string, Tensor> state(int index);

    /// <summary>
    /// A copy of the state for checkpoints: "{index}.{name}" for every state tensor plus "{index}.step"
    /// (int64 scalar). The tensors are new (they join the current dispose scope, if any): dispose them.
    /// Save it with SafeTensors.Save; restore with <see cref="load_state_dict"/>.
    /// </summary>
    public Dictionary<string, Tensor> state_dict()
    {
        var d = new Dictionary<string, Tensor>();
        for (int i = 0; i < _params.Length; i++)
        {
            foreach (var (name, t) in state(i)) d[$"{i}.{name}"] = t.detach().clone();
            d[$"{i}.step"] = torch.scalar_tensor(step_of(i), ScalarType.Int64);
        }
        return d;
    }

    /// <summary>Copies state written by <see cref="state_dict"/> back in; every entry must be present with the same shape.</summary>
    public void load_state_dict(IReadOnlyDictionary<string, Tensor> stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var expected = new HashSet<string>();
        for (int i = 0; i < _params.Length; i++)
        {
            foreach (var (name, t) in state(i))
            {
                string key = $"{i}.{name}";
                expected.Add(key);
                if (!stateDict.TryGetValue(key, out var src)) throw new InvalidDataException($"optimizer state dict lacks '{key}'");
                if (!src.shape.AsSpan().SequenceEqual(t.shape))
                    throw new InvalidDataException($"optimizer state dict entry '{key}' has shape {src.ShapeString()}, expected {t.ShapeString()}");
                t.copy_(src);
            }
            string stepKey = $"{i}.step";
            expected.Add(stepKey);
            if (!stateDict.TryGetValue(stepKey, out var s)) throw new InvalidDataException($"optimizer state dict lacks '{stepKey}'");
            Interlocked.Exchange(ref _steps[i], (long)Math.Round(s.item()));
        }
        var unexpected = stateDict.Keys.Where(k => !expected.Contains(k)).ToList();
        if (unexpected.Count > 0) throw new InvalidDataException($"optimizer state dict has unexpected entries [{string.Join(", ", unexpected)}]");
    }

    /// <summary>A zero tensor like <paramref name="p"/> owned by the optimizer (not by any dispose scope).</summary>
    protected static Tensor NewState(Tensor p)
    {
        using var noGrad = torch.no_grad();
        return torch.zeros(p.shape, p.dtype, p.device).DetachFromDisposeScope();
    }

    /// <summary>Frees the state tensors.</summary>
    protected abstract void DisposeState();

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        DisposeState();
        GC.SuppressFinalize(this);
    }
}
