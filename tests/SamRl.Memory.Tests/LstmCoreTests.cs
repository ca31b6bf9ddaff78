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

    [Fact]
    public void TheAuthorsBaselineStartsAsTheirLstmBaseline()
    {
        using var g = new Generator(3);
        using var core = LstmCore.AuthorsBaseline(34, 512, generator: g);
        Assert.True(core.LearnsInitialState);
        Assert.Equal(["weight_ih", "weight_hh", "bias_ih", "bias_hh", "lstm_h_bias", "lstm_c_bias"], core.named_parameters().Select(p => p.name));
        double bound = 5 / Math.Sqrt(34 + 512);
        foreach (var w in new[] { core.Cell.weight_ih, core.Cell.weight_hh })
        {
            double max = w.abs().max().item();
            Assert.InRange(max, 0.999 * bound, bound); // U(±bound): hundreds of thousands of draws reach it
            Assert.InRange(w.std().item(), 0.98 * bound / Math.Sqrt(3), 1.02 * bound / Math.Sqrt(3));
        }
        Assert.Equal(0, core.Cell.bias_ih!.abs().max().item());
        Assert.Equal(0, core.Cell.bias_hh!.abs().max().item());
        var h0 = core.named_parameters().Single(p => p.name == "lstm_h_bias").parameter;
        Assert.Equal([1L, 1, 512], h0.shape);
        Assert.InRange(h0.std().item(), 0.04, 0.06);
    }

    [Fact]
    public void TheLearnedInitialStateGetsTheGradientOfEveryRow()
    {
        // d loss / d lstm_h_bias must be the sum over the batch of d loss / d h0, as with the authors' repeat().
        using var g = new Generator(4);
        using var core = LstmCore.AuthorsBaseline(3, 5, ScalarType.Float64, generator: g);
        using var scope = torch.NewDisposeScope();
        var xs = torch.randn([4, 2, 3], g, ScalarType.Float64);
        var (ys, _) = core.Unroll(xs, core.InitialState(2));
        ys.pow(2).sum().backward();
        var hBias = core.named_parameters().Single(p => p.name == "lstm_h_bias").parameter;
        var cBias = core.named_parameters().Single(p => p.name == "lstm_c_bias").parameter;
        Assert.True(hBias.grad!.abs().max().item() > 0);

        var h = hBias.detach().view(1, 5).repeat(2, 1).requires_grad_();
        var c = cBias.detach().view(1, 5).repeat(2, 1).requires_grad_();
        var (ys2, _) = core.Unroll(xs, new RecurrentState(("h", h), ("c", c)));
        Assert.True(ys2.equal(ys));
        ys2.pow(2).sum().backward();
        Assert.True(hBias.grad!.view(5).allclose(h.grad!.sum(0), 1e-12, 1e-14));
        Assert.True(cBias.grad!.view(5).allclose(c.grad!.sum(0), 1e-12, 1e-14));
    }
}
