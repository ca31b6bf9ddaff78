using System.Diagnostics;
using SamRl.Torch.Native;

namespace SamRl.Torch.Benchmarks;

/// <summary>
/// Binding overhead, measured side by side in one run: the same op through SamRl.Torch (P/Invoke, handle,
/// dispose) and through a C++ loop inside the shim. The ratio is what the binding costs.
/// </summary>
public static class TorchBench
{
    public sealed record Row(string What, double BindingValue, double DirectValue, string Unit, double Ratio);

    public static IReadOnlyList<Row> Run(int repeats = 5, Action<string>? progress = null)
    {
        var rows = new List<Row>();
        using var a = torch.rand([16]);
        using var b = torch.rand([16]);
        const long addIters = 200_000;
        progress?.Invoke("tiny add");
        double bindAdd = Best(repeats, () => TimeBindingAdd(a, b, addIters)) / addIters * 1e9;
        double directAdd = Best(repeats, () => LibSamTorch.st_bench_add(a.Handle, b.Handle, addIters)) / addIters * 1e9;
        rows.Add(new Row("add, 16 floats (per op)", bindAdd, directAdd, "ns/op", bindAdd / directAdd));

        using var m1 = torch.rand([256, 256]);
        using var m2 = torch.rand([256, 256]);
        const long mmIters = 200;
        const double flop = 2.0 * 256 * 256 * 256;
        progress?.Invoke("matmul 256x256");
        double bindMm = Best(repeats, () => TimeBindingMatmul(m1, m2, mmIters));
        double directMm = Best(repeats, () => LibSamTorch.st_bench_matmul(m1.Handle, m2.Handle, mmIters));
        double gBind = flop * mmIters / bindMm / 1e9, gDirect = flop * mmIters / directMm / 1e9;
        rows.Add(new Row("matmul 256x256", gBind, gDirect, "GFLOP/s", gDirect / gBind));
        return rows;
    }

    private static double TimeBindingAdd(Tensor a, Tensor b, long iters)
    {
        var sw = Stopwatch.StartNew();
        for (long i = 0; i < iters; i++)
        {
            using var c = a.add(b);
        }
        return sw.Elapsed.TotalSeconds;
    }

    private static double TimeBindingMatmul(Tensor a, Tensor b, long iters)
    {
        var sw = Stopwatch.StartNew();
        for (long i = 0; i < iters; i++)
        {
            using var c = a.matmul(b);
        }
        return sw.Elapsed.TotalSeconds;
    }

    private static double Best(int repeats, Func<double> run)
    {
        run(); // warm-up: JIT, allocator, BLAS threads
        double best = double.MaxValue;
        for (int i = 0; i < repeats; i++) best = Math.Min(best, run());
        return best;
    }
}
