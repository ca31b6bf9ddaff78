namespace SamRl.Torch.Optim;

/// <summary>
/// torch.optim.Adam with PyTorch 1.13's update, per parameter with gradient g and step t:
/// <code>
/// g = g + weight_decay·θ                  (L2 added to the gradient; skipped when 0)
/// m = β₁·m + (1-β₁)·g
/// v = β₂·v + (1-β₂)·g²
/// v̂ = amsgrad ? (v_max = max(v_max, v)) : v
/// θ = θ - lr/(1-β₁ᵗ) · m / (√v̂/√(1-β₂ᵗ) + eps)
/// </code>
/// With <c>legacyEps</c> the last line is the one of PyTorch before 1.0, which pytorch-a3c's <c>SharedAdam</c> (and so
/// the authors' A3C) still uses: θ = θ - lr·√(1-β₂ᵗ)/(1-β₁ᵗ) · m / (√v̂ + eps). The two differ only in where eps
/// sits (eps against eps·√(1-β₂ᵗ)), which matters early in training with the A3C's large eps of 1e-3.
/// State ("exp_avg", "exp_avg_sq", "max_exp_avg_sq") is allocated up front, so one instance can be shared by
/// several threads (see <see cref="Optimizer"/> for the Hogwild / SharedAdam pattern).
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly Tensor[] _expAvg;
    private readonly Tensor[] _expAvgSq;
    private readonly Tensor[]? _maxExpAvgSq;

    public double beta1 { get; }
    public double beta2 { get; }
    public double eps { get; }
    public double weight_decay { get; }
    public bool amsgrad { get; }
    public bool maximize { get; }
    public bool legacy_eps { get; }

    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, (double beta1, double beta2)? betas = null, double eps = 1e-8,
                double weightDecay = 0, bool amsgrad = false, bool maximize = false, bool legacyEps = false)
        : this([new ParamGroup(parameters ?? throw new ArgumentNullException(nameof(parameters)))], lr, betas, eps, weightDecay, amsgrad, maximize, legacyEps)
    {
    }

    public Adam(IEnumerable<ParamGroup> groups, double lr = 1e-3, (double beta1, double beta2)? betas = null, double eps = 1e-8,
                double weightDecay = 0, bool amsgrad = false, bool maximize = false, bool legacyEps = false)
        : base(groups, lr)
    {
        legacy_eps = legacyEps;
        var (b1, b2) = betas ?? (0.9, 0.999);
        if (!(b1 >= 0 && b1 < 1)) throw new ArgumentOutOfRangeException(nameof(betas), $"invalid beta parameter at index 0: {b1}");
        if (!(b2 >= 0 && b2 < 1)) throw new ArgumentOutOfRangeException(nameof(betas), $"invalid beta parameter at index 1: {b2}");
        if (!(eps >= 0)) throw new ArgumentOutOfRangeException(nameof(eps), $"invalid epsilon value: {eps}");
        if (!(weightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(weightDecay), $"invalid weight_decay value: {weightDecay}");
        beta1 = b1;
        beta2 = b2;
        this.eps = eps;
        weight_decay = weightDecay;
        this.amsgrad = amsgrad;
        this.maximize = maximize;
        _expAvg = parameters.Select(NewState).ToArray();
        _expAvgSq = parameters.Select(NewState).ToArray();
        if (amsgrad) _maxExpAvgSq = parameters.Select(NewState).ToArray();
    }

    protected override void Update(int i, Tensor param, Tensor grad, double lr, long step)
    {
        // One fused pass over contiguous CPU buffers (src/native/samtorch/optim_ops.cpp); the same maths as below.
        int fused = Native.LibSamTorch.st_adam_fused(param.Handle, grad.Handle, _expAvg[i].Handle, _expAvgSq[i].Handle,
            _maxExpAvgSq?[i].Handle ?? IntPtr.Zero, lr, beta1, beta2, eps, weight_decay, step, maximize ? 1 : 0, legacy_eps ? 1 : 0);
        if (fused < 0) Native.LibSamTorch.Check(fused);
        if (fused == 1) return;
        if (maximize) grad = grad.neg();
        if (weight_decay != 0) grad = grad.add(param, weight_decay);
        var expAvg = _expAvg[i];
        var expAvgSq = _expAvgSq[i];
        expAvg.mul_(beta1).add_(grad, 1 - beta1);
        expAvgSq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);

        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double biasCorrection2 = 1 - Math.Pow(beta2, step);
        double stepSize = lr / biasCorrection1;
        double biasCorrection2Sqrt = Math.Sqrt(biasCorrection2);

        var second = expAvgSq;
        if (_maxExpAvgSq is not null)
        {
            second = _maxExpAvgSq[i];
            second.maximum_(expAvgSq);
        }

        if (legacy_eps)
        {
            param.addcdiv_(expAvg, second.sqrt().add_(eps), -stepSize * biasCorrection2Sqrt);
            return;
        }

        param.addcdiv_(expAvg, second.sqrt().div_(biasCorrection2Sqrt).add_(eps), -stepSize);
    }

    public override IReadOnlyDictionary<string, Tensor> state(int index)
    {
        var d = new Dictionary<string, Tensor> { ["exp_avg"] = _expAvg[index], ["exp_avg_sq"] = _expAvgSq[index] };
        if (_maxExpAvgSq is not null) d["max_exp_avg_sq"] = _maxExpAvgSq[index];
        return d;
    }

    protected override void DisposeState()
    {
        foreach (var t in _expAvg) t.Dispose();
        foreach (var t in _expAvgSq) t.Dispose();
        if (_maxExpAvgSq is not null) foreach (var t in _maxExpAvgSq) t.Dispose();
    }
}
