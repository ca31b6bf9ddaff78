using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Memory.Tests;

public class LstmCoreTests
{
    [Fact]
    public void MatchesLstmCellAndUsesPyTorchNames()
    {
        using var g1 = new Generator(1);
        using var core = new LstmCore(5, 7, generator: g1);
        Assert.Equal(new[] { "weight_ih", "weight_hh", "bias_ih", "bias_hh" }, core.named_parameters().Select(p => p.name));
        Assert.Equal(4 * 7 * (5 + 7) + 2 * 4 * 7, core.ParameterCount());
        using var cell = new LSTMCell(5, 7);
        cell.load_state_dict(core.state_dict());

        using var scope = torch.NewDisposeScope();
        var state = core.InitialState(3);
        Assert.Equal(new[] { "h", "c" }, state.Names);
        Tensor h = torch.zeros(3, 7), c = torch.zeros(3, 7);
        for (int t = 0; t < 3; t++)
        {
            var x = torch.randn([3, 5]);
            var (y, next) = core.Step(x, state);
            (h, c) = cell.forward(x, h, c);
            Assert.True(y.allclose(h, 1e-6, 1e-7));
            Assert.True(next["c"].allclose(c, 1e-6, 1e-7));
            Assert.True(y.equal(next["h"]));
            state = next;
        }
    }

    [Theory]
    [InlineData(ScalarType.Float64, true, true)]
    [InlineData(ScalarType.Float32, true, false)]
    [InlineData(ScalarType.Float64, false, false)]
    public void FusedForwardMatchesPlainOpsWithGradients(ScalarType dtype, bool bias, bool transposedX)
    {
        using var gen = new Generator(3);
        using var cell = new LSTMCell(5, 6, bias, dtype, generator: gen);
        using var scope = torch.NewDisposeScope();
        var x0 = transposedX ? torch.randn([5, 4], gen).to(dtype).t() : torch.randn([4, 5], gen).to(dtype);
        var h0 = torch.randn([4, 6], gen).to(dtype);
        var c0 = torch.randn([4, 6], gen).to(dtype);
        var wh = torch.randn([4, 6], gen).to(dtype);
        var wc = torch.randn([4, 6], gen).to(dtype);
        double tol = dtype == ScalarType.Float64 ? 1e-12 : 1e-5;
        List<Tensor> Run(bool fused)
        {
            var x = x0.detach().requires_grad_();
            var h = h0.detach().requires_grad_();
            var c = c0.detach().requires_grad_();
            foreach (var p in cell.parameters()) p.grad = null;
            // Two steps so that both the h and the c gradient flow into the first.
            var (h1, c1) = fused ? cell.forward(x, h, c) : cell.forward_reference(x, h, c);
            var (h2, c2) = fused ? cell.forward(x, h1, c1) : cell.forward_reference(x, h1, c1);
            (h2 * wh).sum().add((c2 * wc).sum()).backward();
            var res = new List<Tensor> { h2.detach(), c2.detach(), x.grad!, h.grad!, c.grad! };
            res.AddRange(cell.parameters().Select(p => p.grad!.clone()));
            return res;
        }
        var a = Run(true);
        var b = Run(false);
        Assert.Equal(b.Count, a.Count);
        for (int k = 0; k < a.Count; k++) Assert.True(a[k].allclose(b[k], tol, tol), $"tensor {k} differs");
    }

    [Fact]
    public void ToFloat64KeepsTheCellInSync()
    {
        using var core = new LstmCore(2, 3);
        core.to(ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, core.Cell.weight_ih.dtype);
        using var scope = torch.NewDisposeScope();
        var (y, _) = core.Step(torch.zeros([1, 2], ScalarType.Float64), core.InitialState(1));
        Assert.Equal(ScalarType.Float64, y.dtype);
    }
}

public class RecurrentCoresTests
{
    [Fact]
    public void CreatesByName()
    {
        using var stm = RecurrentCores.Create("stm", 3, 2, TestUtil.Tiny);
        Assert.IsType<StmCell>(stm);
        Assert.Equal(2, stm.OutputSize);
        using var lstm = RecurrentCores.Create("LSTM", 3, 8);
        Assert.IsType<LstmCore>(lstm);
        Assert.Equal(8, lstm.OutputSize);
        var ex = Assert.Throws<ArgumentException>(() => RecurrentCores.Create("gru", 3, 2));
        Assert.Contains("stm, lstm", ex.Message);
    }
}
