namespace SamRl.Torch.NN;

/// <summary>
/// Runs its children in order. Children are named "0", "1", ... so parameter names read as in PyTorch
/// ("0.weight", or "mlp.0.weight" when registered under "mlp"). Intermediate outputs belong to the
/// caller's dispose scope, like any other op result.
/// </summary>
public sealed class Sequential : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> _layers = new();

    public Sequential(params Module<Tensor, Tensor>[] modules)
    {
        foreach (var m in modules) append(m);
    }

    public Sequential(IEnumerable<Module<Tensor, Tensor>> modules)
    {
        foreach (var m in modules) append(m);
    }

    /// <summary>Adds a layer at the end, named by its index.</summary>
    public Sequential append(Module<Tensor, Tensor> module)
    {
        ArgumentNullException.ThrowIfNull(module);
        RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        _layers.Add(module);
        return this;
    }

    public int Count => _layers.Count;

    public Module<Tensor, Tensor> this[int index] => _layers[index];

    public override Tensor forward(Tensor input)
    {
        if (_layers.Count == 0) return input.alias();
        var x = input;
        foreach (var layer in _layers) x = layer.forward(x);
        return x;
    }
}
