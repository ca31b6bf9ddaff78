using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Torch.Tests.Ops;

public class ThreadingTests
{
    // Each thread fits its own model; both must learn, and identical seeds must give identical results
    // whether trained alone or side by side (no shared state leaks between threads).
    private static double Train(ulong seed, int steps)
    {
        using var g = new Generator(seed);
        using var l1 = new Linear(3, 8, generator: g);
        using var l2 = new Linear(8, 1, generator: g);
        using var x = torch.randn([16, 3], g, ScalarType.Float32);
        using var y = x.sum(1, keepdim: true).DetachFromDisposeScope();
        var ps = l1.parameters().Concat(l2.parameters()).ToArray();
        double loss = 0;
        for (int i = 0; i < steps; i++)
        {
            using var scope = torch.NewDisposeScope();
            foreach (var p in ps) p.grad = null;
            var l = F.mse_loss(l2.forward(l1.forward(x).relu()), y);
            l.backward();
            using (torch.no_grad()) foreach (var p in ps) p.sub_(p.grad!, 0.05);
            loss = l.item();
        }
        return loss;
    }

    [Fact]
    public void TwoThreadsTrainTwoModelsAtOnce()
    {
        double aloneA = Train(1, 300), aloneB = Train(2, 300);
        double a = 0, b = 0;
        var ta = new Thread(() => a = Train(1, 300));
        var tb = new Thread(() => b = Train(2, 300));
        ta.Start(); tb.Start();
        ta.Join(); tb.Join();
        Assert.Equal(aloneA, a);
        Assert.Equal(aloneB, b);
        Assert.True(a < 0.1 && b < 0.1, $"both should learn: {a}, {b}");
    }

    [Fact]
    public void GradModeIsPerThread()
    {
        bool otherThreadSawGrad = false;
        using (torch.no_grad())
        {
            var t = new Thread(() => otherThreadSawGrad = torch.is_grad_enabled());
            t.Start();
            t.Join();
        }
        Assert.True(otherThreadSawGrad);
    }

    [Fact]
    public void ThreadSettingsRoundTrip()
    {
        int before = torch.get_num_threads();
        torch.set_num_threads(2);
        Assert.Equal(2, torch.get_num_threads());
        torch.set_num_threads(before);
        Assert.False(torch.cuda.is_available() && torch.cuda.device_count() == 0);
    }
}
