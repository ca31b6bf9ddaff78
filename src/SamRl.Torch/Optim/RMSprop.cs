namespace SamRl.Torch.Optim;

/// <summary>
/// torch.optim.RMSprop with PyTorch 1.13's update, per parameter with gradient g:
/// <code>
/// g = g + weight_decay·θ                        (skipped when 0)
/// v = α·v + (1-α)·g²
/// centered: ḡ = α·ḡ + (1-α)·g;  avg = √(v - ḡ²) + eps    else avg = √v + eps
/// momentum > 0: b = momentum·b + g/avg;  θ = θ - lr·b    else θ = θ - lr·g/avg
/// </code>
/// State ("square_avg", "grad_avg" when centered, "momentum_buffer" when momentum > 0) is allocated up front,
/// so one instance can be shared by several threads (see <see cref="Optimizer"/>). Centered, with Hogwild steps:
/// threads read v and ḡ while others are half-way through updating them, so v - ḡ² can dip below zero (NaN)
/// when the gradient barely varies; this is PyTorch's formula and PyTorch behaves the same.
/// </summary>
public sealed class RMSprop : Optimizer
{
    private readonly Tensor[] _squareAvg;
    private readonly Tensor[]? _gradAvg;
    private readonly Tensor[]? _momentumBuffer;

    public double alpha { get; }
    public double eps { get; }
    public double weight_decay { get; }
    public double momentum { get; }
    public bool centered { get; }
    public bool maximize { get; }

    public RMSprop(IEnumerable<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0,
                   double momentum = 0, bool centered = false, bool maximize = false)
        : this([new ParamGroup(parameters ?? throw new ArgumentNullException(nameof(parameters)))], lr, alpha, eps, weightDecay, momentum, centered, maximize)
    {
    }

    public RMSprop(IEnumerable<ParamGroup> groups, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0,
                   double momentum = 0, bool centered = false, bool maximize = false)
        : base(groups, lr)
    {
        if (!(eps >= 0)) throw new ArgumentOutOfRangeException(nameof(eps), $"invalid epsilon value: {eps}");
        if (!(momentum >= 0)) throw new ArgumentOutOfRangeException(nameof(momentum), $"invalid momentum value: {momentum}");
        if (!(weightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(weightDecay), $"invalid weight_decay value: {weightDecay}");
        if (!(alpha >= 0)) throw new ArgumentOutOfRangeException(nameof(alpha), $"invalid alpha value: {alpha}");
        this.alpha = alpha;
        this.eps = eps;
        weight_decay = weightDecay;
        this.momentum = momentum;
        this.centered = centered;
        this.maximize = maximize;
        _squareAvg = parameters.Select(NewState).ToArray();
        if (centered) _gradAvg = parameters.Select(NewState).ToArray();
        if (momentum > 0) _momentumBuffer = parameters.Select(NewState).ToArray();
    }

    protected override void Update(int i, Tensor param, Tensor grad, double lr, long step)
    {
        if (maximize) grad = grad.neg();
        if (weight_decay != 0) grad = grad.add(param, weight_decay);
        var squareAvg = _squareAvg[i];
        squareAvg.mul_(alpha).addcmul_(grad, grad, 1 - alpha);

        Tensor avg;
        if (_gradAvg is not null)
        {
            var gradAvg = _gradAvg[i];
            gradAvg.mul_(alpha).add_(grad, 1 - alpha);
            avg = squareAvg.clone().addcmul_(gradAvg, gradAvg, -1).sqrt_();
        }
        else
        {
            avg = squareAvg.sqrt();
        }
        avg.add_(eps);

        if (_momentumBuffer is not null)
        {
            var buf = _momentumBuffer[i];
            buf.mul_(momentum).addcdiv_(grad, avg);
            param.add_(buf, -lr);
        }
        else
        {
            param.addcdiv_(grad, avg, -lr);
        }
    }

    public override IReadOnlyDictionary<string, Tensor> state(int index)
    {
        var d = new Dictionary<string, Tensor> { ["square_avg"] = _squareAvg[index] };
        if (_gradAvg is not null) d["grad_avg"] = _gradAvg[index];
        if (_momentumBuffer is not null) d["momentum_buffer"] = _momentumBuffer[index];
        return d;
    }

    protected override void DisposeState()
    {
        foreach (var t in _squareAvg) t.Dispose();
        if (_gradAvg is not null) foreach (var t in _gradAvg) t.Dispose();
        if (_momentumBuffer is not null) foreach (var t in _momentumBuffer) t.Dispose();
    }
}
