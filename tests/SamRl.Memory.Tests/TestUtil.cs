using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Memory.Tests;

/// <summary>Helpers shared by the memory tests: float64 models with non-trivial parameters, finite differences.</summary>
internal static class TestUtil
{
    public static readonly StmOptions Tiny = new()
    {
        SlotSize = 4,
        NumSlots = 2,
        RelSize = 3,
        OutAttSize = 3,
        MlpSize = 5,
    };

    /// <summary>A float64 StmCell whose α's are non-zero and whose LayerNorms have non-trivial affine parameters.</summary>
    public static StmCell TinyCell(StmOptions options, long input = 3, long output = 2, ulong seed = 1)
    {
        using var g = new Generator(seed);
        var cell = new StmCell(input, output, options, ScalarType.Float64, null, g);
        Perturb(cell, seed + 100);
        return cell;
    }

    /// <summary>α's to fixed non-zero values, LayerNorm γ ≈ 1 ± 0.3 and β ≈ ±0.3 (so the test sees them), gate biases moved.</summary>
    public static void Perturb(Module m, ulong seed)
    {
        using var g = new Generator(seed);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        double[] alphas = [0.6, -0.45, 0.7];
        foreach (var (name, p) in m.named_parameters())
        {
            if (name.StartsWith("alpha", StringComparison.Ordinal))
                p.fill_(alphas[name[5] - '1']);
            else if (name.Contains("layernorm", StringComparison.Ordinal))
                p.add_(torch.randn(p.shape, g, p.dtype).mul(0.3));
            else if (name is "input_bias" or "forget_bias")
                p.add_(torch.randn(p.shape, g, p.dtype).mul(0.3));
        }
    }

    public static Tensor Randn(long[] shape, ulong seed, double scale = 1)
    {
        using var g = new Generator(seed);
        using var scope = torch.NewDisposeScope();
        return scope.MoveToOuter(torch.randn(shape, g, ScalarType.Float64).mul(scale));
    }

    public static Tensor FromArray(double[] values, long[] shape) =>
        shape.Length == 0 ? torch.scalar_tensor(values[0], ScalarType.Float64) : torch.tensor(values, shape);

    public static double[] Data(Tensor t) => t.contiguous().data<double>();

    public static void AssertClose(double[] expected, double[] actual, double atol, double rtol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double err = Math.Abs(expected[i] - actual[i]) - rtol * Math.Abs(expected[i]);
            if (err > worst) { worst = err; at = i; }
        }
        Assert.True(worst <= atol, $"{what}: element {at}: expected {(at >= 0 ? expected[at] : 0)}, got {(at >= 0 ? actual[at] : 0)} (excess error {worst:E2})");
    }

    /// <summary>
    /// Compares autograd gradients of loss() with central finite differences for every element of every tensor in
    /// <paramref name="inputs"/> (float64 leaves requiring grad). loss() must build a fresh graph on each call.
    /// </summary>
    public static void GradCheck(Func<Tensor> loss, IReadOnlyList<(string Name, Tensor Value)> inputs, double eps = 1e-6, double atol = 1e-6, double rtol = 1e-4)
    {
        var analytic = new List<double[]>();
        using (var scope = torch.NewDisposeScope())
        {
            foreach (var (_, t) in inputs) t.grad = null;
            loss().backward();
            foreach (var (name, t) in inputs)
            {
                var g = t.grad;
                analytic.Add(g is null ? new double[t.numel()] : Data(g));
            }
            foreach (var (_, t) in inputs) t.grad = null;
        }
        for (int k = 0; k < inputs.Count; k++)
        {
            var (name, t) = inputs[k];
            var shape = t.shape;
            var baseVals = Data(t);
            var numeric = new double[baseVals.Length];
            using var noGrad = torch.no_grad();
            for (int i = 0; i < baseVals.Length; i++)
            {
                numeric[i] = (Eval(t, shape, baseVals, i, eps, loss) - Eval(t, shape, baseVals, i, -eps, loss)) / (2 * eps);
            }
            using (var scope = torch.NewDisposeScope()) t.copy_(FromArray(baseVals, shape));
            AssertClose(numeric, analytic[k], atol, rtol, $"gradient of {name}");
        }
    }

    private static double Eval(Tensor t, long[] shape, double[] baseVals, int i, double delta, Func<Tensor> loss)
    {
        using var scope = torch.NewDisposeScope();
        var v = (double[])baseVals.Clone();
        v[i] += delta;
        t.copy_(FromArray(v, shape));
        return loss().item();
    }

    /// <summary>Gradients of <paramref name="loss"/> for each leaf as float64 arrays (zeros where none flows); grads are cleared before and after.</summary>
    public static List<double[]> Grads(Func<Tensor> loss, IReadOnlyList<(string, Tensor)> leaves)
    {
        using var scope = torch.NewDisposeScope();
        foreach (var (_, t) in leaves) t.grad = null;
        loss().backward();
        var result = leaves.Select(l => l.Item2.grad is { } g ? Data(g.to(ScalarType.Float64)) : new double[l.Item2.numel()]).ToList();
        foreach (var (_, t) in leaves) t.grad = null;
        return result;
    }

    /// <summary>Asserts two losses give the same gradient for every leaf (each named in the failure message).</summary>
    public static void AssertSameGradients(Func<Tensor> expected, Func<Tensor> actual, IReadOnlyList<(string Name, Tensor)> leaves, double atol, double rtol)
    {
        var e = Grads(expected, leaves);
        var a = Grads(actual, leaves);
        for (int i = 0; i < e.Count; i++) AssertClose(e[i], a[i], atol, rtol, $"gradient of {leaves[i].Name}");
    }
}
