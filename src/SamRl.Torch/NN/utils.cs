namespace SamRl.Torch.NN;

/// <summary>torch.nn.utils: gradient clipping.</summary>
public static class utils
{
    /// <summary>
    /// Scales the gradients of <paramref name="parameters"/> in place so their joint norm is at most
    /// <paramref name="maxNorm"/>, as torch.nn.utils.clip_grad_norm_ (PyTorch 1.13): total = ‖(‖g₁‖, ‖g₂‖, ...)‖,
    /// every gradient is multiplied by min(maxNorm / (total + 1e-6), 1). Parameters without a gradient are
    /// skipped. normType is 2 (default), any p > 0, or double.PositiveInfinity (max |g|).
    /// Returns the total norm before clipping (0 when no parameter has a gradient).
    /// </summary>
    public static double clip_grad_norm_(IEnumerable<Tensor> parameters, double maxNorm, double normType = 2, bool errorIfNonfinite = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(normType > 0)) throw new ArgumentOutOfRangeException(nameof(normType), $"norm type must be positive or infinity, got {normType}");
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var grads = new List<Tensor>();
        foreach (var p in parameters)
        {
            var g = p.grad;
            if (g != null) grads.Add(g);
        }
        if (grads.Count == 0) return 0;

        Tensor total;
        if (double.IsPositiveInfinity(normType))
        {
            var maxes = grads.Select(g => g.abs().amax()).ToList();
            total = maxes.Count == 1 ? maxes[0] : torch.stack(maxes).amax();
        }
        else
        {
            var norms = grads.Select(g => PNorm(g, normType)).ToList();
            total = PNorm(torch.stack(norms), normType);
        }
        double totalValue = total.item();
        if (errorIfNonfinite && !double.IsFinite(totalValue))
            throw new InvalidOperationException($"the total norm of order {normType} of the gradients is {totalValue}; clip_grad_norm_ cannot clip it");
        var coef = total.add(1e-6).rdiv(maxNorm).clamp_max(1.0);
        foreach (var g in grads) g.mul_(coef);
        return totalValue;
    }

    private static Tensor PNorm(Tensor t, double p)
    {
        if (p == 2) return t.norm();
        if (p == 1) return t.abs().sum();
        return t.abs().pow(p).sum().pow(1 / p);
    }
}
