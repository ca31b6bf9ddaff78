namespace SamRl.Torch.Optim;

/// <summary>A set of parameters sharing a learning rate (torch.optim's param_groups entry).</summary>
public sealed class ParamGroup
{
    private double _lr;

    /// <param name="parameters">Leaf tensors to optimise.</param>
    /// <param name="lr">This group's learning rate; null takes the optimizer's.</param>
    public ParamGroup(IEnumerable<Tensor> parameters, double? lr = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        this.parameters = parameters.ToList();
        LrOverride = lr;
        if (lr.HasValue) _lr = lr.Value;
    }

    public IReadOnlyList<Tensor> parameters { get; }

    internal double? LrOverride { get; }

    /// <summary>Learning rate; may be changed between (or during) steps, from any thread.</summary>
    public double lr
    {
        get => Volatile.Read(ref _lr);
        set
        {
            if (!(value >= 0)) throw new ArgumentOutOfRangeException(nameof(value), $"learning rate must be >= 0, got {value}");
            Volatile.Write(ref _lr, value);
        }
    }
}
