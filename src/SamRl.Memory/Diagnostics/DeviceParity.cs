using SamRl.Torch;

namespace SamRl.Memory.Diagnostics;

/// <summary>How far one core's numbers on a device are from the truth (float64 on the reference device).</summary>
/// <param name="Core">stm or lstm.</param>
/// <param name="DType">float32 or float64.</param>
/// <param name="OutputDiff">Largest |a − b| over every step's output, relative to the largest |b|.</param>
/// <param name="GradDiff">Largest |a − b| over every parameter gradient, relative to the largest |b| of any gradient.</param>
/// <param name="WorstParameter">The parameter whose gradient differs most.</param>
/// <param name="OutputBound">The bound OutputDiff must stay under.</param>
/// <param name="GradBound">The bound GradDiff must stay under.</param>
public sealed record ParityResult(string Core, string DType, double OutputDiff, double GradDiff, string WorstParameter, double OutputBound, double GradBound)
{
    public bool Ok => OutputDiff <= OutputBound && GradDiff <= GradBound;
}

/// <summary>
/// Checks that a device computes what the reference device (the CPU) computes: builds each core from one seed, runs
/// the same sequence forward and backward on each device, and compares outputs and every parameter's gradient.
/// Alphas are set non-zero so the relational memory takes part. In float64 the devices must agree to 1e-9 (they
/// differ only in summation order). In float32 the candidate is held to float64 truth no worse than
/// <see cref="Float32Slack"/> times the reference's own float32 error. Gradient errors are measured against the largest
/// gradient of any parameter: per parameter, a scalar such as <c>input_bias</c> (a sum of thousands of cancelling
/// terms) showed 3.8e-4 between an H100 and the CPU in float32 while float64 agreed to 9e-14. `samrl doctor --device cuda` runs it, so a GPU path that drifts from
/// the tested CPU path is seen before a long run rather than after.
/// </summary>
public static class DeviceParity
{
    public const double Float64Bound = 1e-9;
    public const double Float32Slack = 10;
    /// <summary>Float32 bounds never go below this, for quantities the reference happens to get exactly.</summary>
    public const double Float32Floor = 1e-6;

    public static IReadOnlyList<ParityResult> Compare(Device reference, Device candidate, long batch = 4, int steps = 6, ulong seed = 7)
    {
        var results = new List<ParityResult>();
        foreach (var dtype in new[] { ScalarType.Float64, ScalarType.Float32 })
            foreach (var core in RecurrentCores.Names)
                results.Add(Compare(core, dtype, reference, candidate, batch, steps, seed));
        return results;
    }

    public static ParityResult Compare(string core, ScalarType dtype, Device reference, Device candidate, long batch, int steps, ulong seed)
    {
        using var scope = torch.NewDisposeScope();
        var truth = Run(core, ScalarType.Float64, reference, batch, steps, seed);
        var cand = Run(core, dtype, candidate, batch, steps, seed);
        var (outDiff, gradDiff, worst) = Distance(cand, truth, reference);
        string name = dtype.ToString().ToLowerInvariant();
        if (dtype == ScalarType.Float64) return new ParityResult(core, name, outDiff, gradDiff, worst, Float64Bound, Float64Bound);
        var own = Run(core, dtype, reference, batch, steps, seed);
        var (refOut, refGrad, _) = Distance(own, truth, reference);
        return new ParityResult(core, name, outDiff, gradDiff, worst,
                                Math.Max(Float32Slack * refOut, Float32Floor), Math.Max(Float32Slack * refGrad, Float32Floor));
    }

    private sealed record Outcome(Tensor Outputs, IReadOnlyList<(string Name, Tensor? Grad)> Grads);

    /// <summary>Builds the core from the seed on the CPU, moves it, steps through the sequence, backpropagates a fixed random weighting of every output.</summary>
    private static Outcome Run(string core, ScalarType dtype, Device device, long batch, int steps, ulong seed)
    {
        using var gen = new Generator(seed);
        // The copy-task STM: every part of the cell (gates, both memories, transfer) is on.
        // Built in float64 and rounded, so every dtype starts from the same weights.
        using var m = RecurrentCores.Create(core, 34, 32, StmOptions.Copy, ScalarType.Float64, null, gen);
        using (torch.no_grad())
            foreach (var (name, p) in m.named_parameters())
                if (name.StartsWith("alpha", StringComparison.Ordinal)) p.fill_(0.3);
        if (dtype != ScalarType.Float64) m.to(dtype);
        if (device.type != DeviceType.CPU) m.to(device);
        var xs = torch.randn([steps, batch, m.InputSize], gen).to(dtype).to(device);
        var weights = torch.randn([steps, batch, m.OutputSize], gen).to(dtype).to(device);

        // The first half step by step (as agents run), the rest as one Unroll (as the task trainer runs), so both
        // paths, and the hand-over of state between them, are compared.
        var state = m.InitialState(batch);
        var outs = new List<Tensor>();
        long half = steps / 2;
        for (long t = 0; t < half; t++)
        {
            var (y, next) = m.Step(xs.select(0, t), state);
            state = next;
            outs.Add(y.unsqueeze(0));
        }
        outs.Add(m.Unroll(xs.narrow(0, half, steps - half), state).outputs);
        var ys = torch.cat(outs, 0);
        ys.mul(weights).sum().backward();
        // The module is disposed on return; its gradients are detached copies that the caller's scope owns.
        return new Outcome(ys.detach(), m.named_parameters().Select(p => (p.name, p.parameter.grad?.detach().clone())).ToList());
    }

    /// <summary>Largest relative output difference, largest relative gradient difference and that gradient's parameter, on <paramref name="at"/> in float64.</summary>
    private static (double Output, double Grad, string Worst) Distance(Outcome a, Outcome truth, Device at)
    {
        double outDiff = MaxAbsDiff(a.Outputs, truth.Outputs, at) / Math.Max(MaxAbs(truth.Outputs, at), 1e-30);
        // One scale for every gradient, the largest |g| of any parameter: a scalar's gradient (input_bias) is a sum of
        // thousands of cancelling terms, and against its own small size its rounding looks huge.
        double gradScale = Math.Max(truth.Grads.Where(g => g.Grad is not null).Select(g => MaxAbs(g.Grad!, at)).DefaultIfEmpty(0).Max(), 1e-30);
        double gradDiff = 0;
        string worst = "";
        var expected = truth.Grads.ToDictionary(g => g.Name, g => g.Grad);
        foreach (var (name, grad) in a.Grads)
        {
            var other = expected[name];
            if (grad is null && other is null) continue;
            double d = grad is null || other is null ? double.PositiveInfinity : MaxAbsDiff(grad, other, at) / gradScale;
            if (d > gradDiff || worst.Length == 0) (gradDiff, worst) = (d, name);
        }
        return (outDiff, gradDiff, worst);
    }

    private static double MaxAbs(Tensor t, Device at) => t.to(at).to(ScalarType.Float64).abs().max().item();

    private static double MaxAbsDiff(Tensor a, Tensor b, Device at) =>
        a.to(at).to(ScalarType.Float64).sub(b.to(at).to(ScalarType.Float64)).abs().max().item();
}
