using SamRl.Torch;

namespace SamRl.Torch.Tests.Ops;

/// <summary>
/// Compares libtorch's analytic gradients (through our binding) with central finite differences in
/// float64. The output is projected on a fixed random tensor so every output element is exercised.
/// </summary>
public static class GradCheck
{
    public static void Assert(Func<Tensor[], Tensor> f, Tensor[] inputs, double eps = 1e-6, double atol = 1e-6, double rtol = 1e-4)
    {
        using var scope = torch.NewDisposeScope();
        using var gen = new Generator(1234);
        var xs = inputs.Select(t => t.detach().requires_grad_()).ToArray();
        var y = f(xs);
        var w = torch.randn(y.shape, gen, ScalarType.Float64);
        (y * w).sum().backward();

        for (int i = 0; i < xs.Length; i++)
        {
            var analyticT = xs[i].grad;
            var analytic = analyticT is null ? new double[xs[i].numel()] : analyticT.data<double>();
            var values = xs[i].data<double>();
            var shape = xs[i].shape;
            for (int j = 0; j < values.Length; j++)
            {
                double keep = values[j];
                values[j] = keep + eps;
                double plus = Evaluate(f, xs, i, values, shape, w);
                values[j] = keep - eps;
                double minus = Evaluate(f, xs, i, values, shape, w);
                values[j] = keep;
                double numeric = (plus - minus) / (2 * eps);
                double tol = atol + rtol * Math.Abs(numeric);
                if (Math.Abs(numeric - analytic[j]) > tol)
                    throw new Xunit.Sdk.XunitException($"input {i} element {j}: analytic {analytic[j]:G10} vs numeric {numeric:G10}");
            }
        }
    }

    private static double Evaluate(Func<Tensor[], Tensor> f, Tensor[] xs, int which, double[] values, long[] shape, Tensor w)
    {
        using var scope = torch.NewDisposeScope();
        using var ng = torch.no_grad();
        var args = xs.ToArray();
        args[which] = torch.tensor(values, shape);
        return (f(args) * w).sum().item();
    }
}
