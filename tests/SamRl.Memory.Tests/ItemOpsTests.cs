using SamRl.Torch;

namespace SamRl.Memory.Tests;

/// <summary>
/// The fused item-memory write (<see cref="StmOps.ItemWrite"/>) and the fast tanh (<see cref="StmOps.Tanh"/>) against
/// the plain compositions they replace: values, gradients, float64 finite differences, and the float32 fast path.
/// </summary>
public class ItemOpsTests
{
    private const long B = 3, D = 4;

    /// <summary>The plain composition: gates from tanh(Mi) and pre, R = I⊙tanh(c1⊗c1) + F⊙Mi.</summary>
    private static Tensor PlainWrite(Tensor mi, Tensor c1, Tensor wmg, Tensor pre)
    {
        long b = mi.size(0), d = mi.size(1);
        var g = mi.tanh().reshape(b * d, d).matmul(wmg.t()).view(b, d, 2 * d).add(pre.unsqueeze(1)).sigmoid();
        var tx = c1.unsqueeze(2).mul(c1.unsqueeze(1)).tanh();
        return g.narrow(2, 0, d).mul(tx).add(g.narrow(2, d, d).mul(mi));
    }

    private sealed record Inputs(Tensor Mi0, Tensor C1, Tensor W, Tensor Pre, bool Expanded)
    {
        public Tensor Mi => Expanded ? Mi0.unsqueeze(0).expand(B, D, D) : Mi0;
        public List<(string, Tensor)> Leaves => [("mi", Mi0), ("c1", C1), ("w_mg", W), ("pre", Pre)];
    }

    private static Inputs Make(bool expanded, ulong seed, ScalarType dtype = ScalarType.Float64)
    {
        Tensor R(long[] shape, ulong s, double scale = 1) => TestUtil.Randn(shape, s, scale).to(dtype).requires_grad_();
        return new Inputs(expanded ? R([D, D], seed, 0.8) : R([B, D, D], seed, 0.8), R([B, D], seed + 1), R([2 * D, D], seed + 2, 0.6), R([B, 2 * D], seed + 3), expanded);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // step 0: Mi is the learned initial memory broadcast over the batch
    public void ItemWriteEqualsPlainCompositionAndItsGradients(bool expanded)
    {
        using var scope = torch.NewDisposeScope();
        var x = Make(expanded, 10);
        var rw = TestUtil.Randn([B * D * D], 20);
        var fused = StmOps.ItemWrite(x.Mi, x.C1, x.W, x.Pre);
        Assert.Equal(new[] { B, D, D }, fused.shape);
        TestUtil.AssertClose(TestUtil.Data(PlainWrite(x.Mi, x.C1, x.W, x.Pre)), TestUtil.Data(fused), 1e-12, 1e-12, "R");

        TestUtil.AssertSameGradients(
            () => PlainWrite(x.Mi, x.C1, x.W, x.Pre).reshape(-1).mul(rw).sum(),
            () => StmOps.ItemWrite(x.Mi, x.C1, x.W, x.Pre).reshape(-1).mul(rw).sum(),
            x.Leaves, 1e-12, 1e-10);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ItemWriteGradientsMatchFiniteDifferences(bool expanded)
    {
        using var scope = torch.NewDisposeScope();
        var x = Make(expanded, 30);
        var rw = TestUtil.Randn([B * D * D], 40);
        TestUtil.GradCheck(() => StmOps.ItemWrite(x.Mi, x.C1, x.W, x.Pre).reshape(-1).mul(rw).sum(), x.Leaves);
    }

    [Fact]
    public void ItemWriteChainedOverStepsMatchesFiniteDifferences()
    {
        // As StmCell runs it: each step's R is the next step's Mi, so Mi's gradient also flows through the gates.
        using var scope = torch.NewDisposeScope();
        var x = Make(true, 50);
        var c2 = TestUtil.Randn([B, D], 51).requires_grad_();
        var rw = TestUtil.Randn([B * D * D], 52);
        Tensor Run()
        {
            var r1 = StmOps.ItemWrite(x.Mi, x.C1, x.W, x.Pre);
            var r2 = StmOps.ItemWrite(r1, c2, x.W, x.Pre.mul(0.5));
            return r2.reshape(-1).mul(rw).sum();
        }
        TestUtil.GradCheck(Run, [.. x.Leaves, ("c2", c2)]);
    }

    [Fact]
    public void ItemWriteWithoutGradientsOnSomeInputs()
    {
        using var scope = torch.NewDisposeScope();
        var x = Make(false, 60);
        var c1 = x.C1.detach();
        var pre = x.Pre.detach();
        var rw = TestUtil.Randn([B * D * D], 61);
        List<(string, Tensor)> leaves = [("mi", x.Mi0), ("w_mg", x.W)];
        TestUtil.AssertSameGradients(
            () => PlainWrite(x.Mi, c1, x.W, pre).reshape(-1).mul(rw).sum(),
            () => StmOps.ItemWrite(x.Mi, c1, x.W, pre).reshape(-1).mul(rw).sum(),
            leaves, 1e-12, 1e-10);
    }

    [Fact]
    public void ItemWriteFloat32MatchesFloat64Plain()
    {
        // The float32 CPU path uses the fast tanh; it must stay within float32 rounding of the exact float64 result.
        using var scope = torch.NewDisposeScope();
        var x64 = Make(false, 70);
        var x32 = new Inputs(x64.Mi0.detach().@float().requires_grad_(), x64.C1.detach().@float().requires_grad_(),
            x64.W.detach().@float().requires_grad_(), x64.Pre.detach().@float().requires_grad_(), false);
        var rw = TestUtil.Randn([B * D * D], 71);
        var exact = PlainWrite(x64.Mi, x64.C1, x64.W, x64.Pre);
        var fast = StmOps.ItemWrite(x32.Mi, x32.C1, x32.W, x32.Pre);
        Assert.Equal(ScalarType.Float32, fast.dtype);
        TestUtil.AssertClose(TestUtil.Data(exact), TestUtil.Data(fast.to(ScalarType.Float64)), 2e-6, 1e-5, "R (float32)");
        var g64 = TestUtil.Grads(() => PlainWrite(x64.Mi, x64.C1, x64.W, x64.Pre).reshape(-1).mul(rw).sum(), x64.Leaves);
        var rw32 = rw.@float();
        var g32 = TestUtil.Grads(() => StmOps.ItemWrite(x32.Mi, x32.C1, x32.W, x32.Pre).reshape(-1).mul(rw32).sum(), x32.Leaves);
        for (int i = 0; i < g64.Count; i++) TestUtil.AssertClose(g64[i], g32[i], 1e-5, 1e-4, $"float32 gradient of {x64.Leaves[i].Item1}");
    }

    [Fact]
    public void ItemWriteRejectsMismatchedShapesWithAClearMessage()
    {
        using var scope = torch.NewDisposeScope();
        var x = Make(false, 80);
        var e = Assert.ThrowsAny<Exception>(() => StmOps.ItemWrite(x.Mi, x.C1, x.W.narrow(0, 0, D), x.Pre));
        Assert.Contains("W_mg must be", e.Message);
    }

    [Fact]
    public void FastTanhFloat32IsWithinRoundingOfExactTanhEverywhere()
    {
        using var scope = torch.NewDisposeScope();
        // Dense grid over [-12, 12] plus tiny magnitudes, where 2σ(2x)−1 cancels: the absolute error must stay tiny.
        var grid = torch.linspace(-12, 12, 200_001, ScalarType.Float64);
        var tiny = torch.linspace(-1e-3, 1e-3, 2_001, ScalarType.Float64);
        var x64 = torch.cat([grid, tiny]);
        var fast = StmOps.Tanh(x64.@float()).to(ScalarType.Float64);
        var err = fast.sub(x64.tanh()).abs().max().item<double>();
        Assert.True(err < 3e-7, $"max |fast tanh − tanh| = {err:E2}");
        Assert.Equal(1.0, StmOps.Tanh(torch.full([1], 50.0).@float()).to(ScalarType.Float64).item<double>());
        Assert.Equal(-1.0, StmOps.Tanh(torch.full([1], -50.0).@float()).to(ScalarType.Float64).item<double>());
        Assert.True(double.IsNaN(StmOps.Tanh(torch.full([1], double.NaN).@float()).to(ScalarType.Float64).item<double>()));
    }

    [Fact]
    public void FastTanhGradientsMatchFiniteDifferencesAndFloat64IsExact()
    {
        using var scope = torch.NewDisposeScope();
        var x = TestUtil.Randn([5, 3], 90, 2).requires_grad_();
        TestUtil.AssertClose(TestUtil.Data(x.tanh()), TestUtil.Data(StmOps.Tanh(x)), 0, 0, "float64 tanh");
        var r = TestUtil.Randn([15], 91);
        TestUtil.GradCheck(() => StmOps.Tanh(x).reshape(-1).mul(r).sum(), [("x", x)]);
    }
}
