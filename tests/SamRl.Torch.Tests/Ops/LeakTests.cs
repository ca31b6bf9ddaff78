using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Torch.Tests.Ops;

/// <summary>Training inside dispose scopes leaves no native tensor behind.</summary>
[Collection("LiveTensorCount")]
public class LeakTests
{
    private sealed class Mlp : Module<Tensor, Tensor>
    {
        private readonly Linear _l1, _l2;

        public Mlp(Generator g)
        {
            _l1 = RegisterModule("l1", new Linear(4, 16, generator: g));
            _l2 = RegisterModule("l2", new Linear(16, 1, generator: g));
        }

        public override Tensor forward(Tensor x) => _l2.forward(_l1.forward(x).tanh());
    }

    /// <summary>
    /// Tensors other tests dropped without disposing are freed by finalizers at random moments; settle
    /// them first so the count only moves because of this test.
    /// </summary>
    internal static long LiveAfterGc()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return torch.LiveTensors;
    }

    [Fact]
    public void TenThousandTrainingStepsLeakNothing()
    {
        using var g = new Generator(3);
        using var model = new Mlp(g);
        using var x = torch.randn([32, 4], g);
        using var y = x.sum(1, keepdim: true).sin().DetachFromDisposeScope();
        var parameters = model.parameters().ToArray();
        long before = LiveAfterGc();
        double first = 0, last = 0;
        for (int step = 0; step < 10_000; step++)
        {
            using var scope = torch.NewDisposeScope();
            model.zero_grad();
            var loss = F.mse_loss(model.forward(x), y);
            loss.backward();
            using (torch.no_grad())
                foreach (var p in parameters) p.sub_(p.grad!, 0.05);
            if (step == 0) first = loss.item();
            last = loss.item();
        }
        model.zero_grad();
        Assert.Equal(before, torch.LiveTensors); // no GC here: a tensor left to the finalizer would count as a leak
        Assert.True(last < first * 0.2, $"loss should fall: {first} -> {last}");
    }

    [Fact]
    public void MoveToOuterKeepsOnlyWhatIsMoved()
    {
        long before = LiveAfterGc();
        Tensor kept;
        using (var outer = torch.NewDisposeScope())
        {
            using (var inner = torch.NewDisposeScope())
            {
                var a = torch.ones([2]);
                var b = a * 3;
                kept = inner.MoveToOuter(b);
                _ = a + 1;
            }
            Assert.False(kept.IsDisposed);
            Assert.Equal(6, kept.sum().item());
            Assert.Equal(before + 2, torch.LiveTensors); // kept + the sum's result
        }
        Assert.True(kept.IsDisposed);
        Assert.Equal(before, torch.LiveTensors);

        using (torch.NewDisposeScope()) kept = torch.zeros([1]).DetachFromDisposeScope();
        Assert.False(kept.IsDisposed);
        kept.Dispose();
        Assert.Equal(before, torch.LiveTensors);
    }
}

[CollectionDefinition("LiveTensorCount", DisableParallelization = true)]
public class LiveTensorCountCollection;
