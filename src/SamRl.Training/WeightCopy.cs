using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Training;

/// <summary>Copies every parameter of one model into another of the same structure (across devices), under no_grad.</summary>
public static class WeightCopy
{
    public static void Copy(Module from, Module to)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        using var src = from.parameters().GetEnumerator();
        foreach (var dst in to.parameters())
        {
            if (!src.MoveNext()) throw new ArgumentException("models differ: the source has fewer parameters");
            dst.copy_(src.Current);
        }

        if (src.MoveNext()) throw new ArgumentException("models differ: the source has more parameters");
    }

    /// <summary>The global L2 norm of the gradients (those present).</summary>
    public static double GradNorm(IEnumerable<Tensor> parameters)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        double total = 0;
        foreach (var p in parameters)
        {
            var g = p.grad;
            if (g is null) continue;
            double n = g.norm().item();
            total += n * n;
        }

        return Math.Sqrt(total);
    }
}
