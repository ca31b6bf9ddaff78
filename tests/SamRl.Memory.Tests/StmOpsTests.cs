using SamRl.Torch;

namespace SamRl.Memory.Tests;

/// <summary>
/// The fused native relational-memory ops (<see cref="StmOps"/>) against the plain compositions they replace: values,
/// gradients against autograd of the composition, and float64 finite differences.
/// </summary>
public class StmOpsTests
{
    private const long B = 2, N = 3, D = 4, Nr = 5;

    /// <summary>The plain composition of <see cref="StmOps.Write"/>.</summary>
    private static (Tensor mr, Tensor? rel) PlainWrite(Tensor? prev, Tensor scores, Tensor v, Tensor? alpha1, double a1, Tensor? w, Tensor? bias)
    {
        long b = scores.size(0), nk = scores.size(1), nq = scores.size(2), d = scores.size(3), dv = v.size(2);
        var mr = scores.view(b, nk, nq * d).transpose(1, 2).bmm(v);
        if (prev is not null && (alpha1 is not null || a1 != 0))
            mr = mr.add(alpha1 is not null ? prev.reshape(b, nq * d, dv).mul(alpha1) : prev.reshape(b, nq * d, dv).mul(a1));
        Tensor? rel = null;
        if (w is not null)
        {
            rel = mr.reshape(b * nq, d * dv).matmul(w.t());
            if (bias is not null) rel = rel.add(bias);
        }
        return (mr, rel);
    }

    public static TheoryData<string> Cases => new() { "learned", "learned-at-zero", "fixed-expanded", "no-prev", "zero-decay", "no-rel", "no-bias" };

    private sealed class Inputs
    {
        public Tensor? Prev, Alpha1, W, Bias;
        public Tensor Scores = null!, V = null!;
        public double A1;
        public List<(string, Tensor)> Leaves = new();
    }

    private static Inputs Make(string c, ulong seed = 10)
    {
        var x = new Inputs
        {
            Scores = TestUtil.Randn([B, N, N, D], seed).tanh().requires_grad_(),
            V = TestUtil.Randn([B, N, D], seed + 1).requires_grad_(),
        };
        x.Leaves.Add(("scores", x.Scores));
        x.Leaves.Add(("v", x.V));
        if (c != "no-prev")
        {
            if (c == "fixed-expanded")
            {
                var p0 = TestUtil.Randn([N, D, D], seed + 2).requires_grad_();
                x.Leaves.Add(("prev0", p0));
                x.Prev = p0; // expanded per call (a view: the gradient flows into p0)
            }
            else
            {
                x.Prev = TestUtil.Randn([B, N, D, D], seed + 2).requires_grad_();
                x.Leaves.Add(("prev", x.Prev));
            }
        }
        if (c is "learned" or "learned-at-zero" or "no-prev" or "no-rel" or "no-bias")
        {
            // "learned-at-zero": a learnable α1 starts at 0; its gradient must still flow (and Mr must not read garbage).
            x.Alpha1 = TestUtil.FromArray([c == "learned-at-zero" ? 0.0 : 0.6], [1]).requires_grad_();
            x.Leaves.Add(("alpha1", x.Alpha1));
        }
        x.A1 = c == "fixed-expanded" ? 0.7 : 0;
        if (c != "no-rel")
        {
            x.W = TestUtil.Randn([Nr, D * D], seed + 3, 0.5).requires_grad_();
            x.Leaves.Add(("w", x.W));
            if (c != "no-bias")
            {
                x.Bias = TestUtil.Randn([Nr], seed + 4).requires_grad_();
                x.Leaves.Add(("bias", x.Bias));
            }
        }
        return x;
    }

    private static Tensor? PrevFor(Inputs x) => x.Prev is null ? null : x.Prev.dim() == 3 ? x.Prev.unsqueeze(0).expand(B, N, D, D) : x.Prev;

    private static Tensor Loss(Tensor mr, Tensor? rel, Tensor rm, Tensor rr)
    {
        var l = mr.reshape(-1).mul(rm).sum();
        return rel is null ? l : l.add(rel.reshape(-1).mul(rr).sum());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WriteEqualsPlainCompositionAndItsGradients(string c)
    {
        using var scope = torch.NewDisposeScope();
        var x = Make(c);
        var rm = TestUtil.Randn([B * N * D * D], 20);
        var rr = TestUtil.Randn([B * N * Nr], 21);

        var (fm, fr) = StmOps.Write(PrevFor(x), x.Scores, x.V, x.Alpha1, x.A1, x.W, x.Bias);
        var (pm, pr) = PlainWrite(PrevFor(x), x.Scores, x.V, x.Alpha1, x.A1, x.W, x.Bias);
        Assert.Equal(new[] { B, N * D, D }, fm.shape);
        TestUtil.AssertClose(TestUtil.Data(pm), TestUtil.Data(fm), 1e-12, 1e-12, "Mr");
        Assert.Equal(pr is null, fr is null);
        if (pr is not null) TestUtil.AssertClose(TestUtil.Data(pr), TestUtil.Data(fr!), 1e-12, 1e-12, "rel");

        TestUtil.AssertSameGradients(
            () => { var (m, r) = PlainWrite(PrevFor(x), x.Scores, x.V, x.Alpha1, x.A1, x.W, x.Bias); return Loss(m, r, rm, rr); },
            () => { var (m, r) = StmOps.Write(PrevFor(x), x.Scores, x.V, x.Alpha1, x.A1, x.W, x.Bias); return Loss(m, r, rm, rr); },
            x.Leaves, 1e-12, 1e-10);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WriteGradientsMatchFiniteDifferences(string c)
    {
        using var scope = torch.NewDisposeScope();
        var x = Make(c, 30);
        var rm = TestUtil.Randn([B * N * D * D], 40);
        var rr = TestUtil.Randn([B * N * Nr], 41);
        TestUtil.GradCheck(() => { var (m, r) = StmOps.Write(PrevFor(x), x.Scores, x.V, x.Alpha1, x.A1, x.W, x.Bias); return Loss(m, r, rm, rr); }, x.Leaves);
    }

    [Theory]
    [InlineData(true, false)]  // only rel used: no incoming Mr gradient
    [InlineData(false, true)]  // only Mr used: no incoming rel gradient
    public void WriteWithOneOutputUnused(bool useRel, bool useMr)
    {
        using var scope = torch.NewDisposeScope();
        var x = Make("learned", 50);
        var rm = TestUtil.Randn([B * N * D * D], 60);
        var rr = TestUtil.Randn([B * N * Nr], 61);
        Tensor L((Tensor m, Tensor? r) o) =>
            useRel && useMr ? Loss(o.m, o.r, rm, rr) : useRel ? o.r!.reshape(-1).mul(rr).sum() : o.m.reshape(-1).mul(rm).sum();
        TestUtil.AssertSameGradients(
            () => L(PlainWrite(PrevFor(x), x.Scores, x.V, x.Alpha1, x.A1, x.W, x.Bias)),
            () => L(StmOps.Write(PrevFor(x), x.Scores, x.V, x.Alpha1, x.A1, x.W, x.Bias)),
            x.Leaves, 1e-12, 1e-10);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadEqualsBmmAndGradientsMatchFiniteDifferences(bool expanded)
    {
        using var scope = torch.NewDisposeScope();
        var m0 = expanded ? TestUtil.Randn([N, D, D], 70).requires_grad_() : TestUtil.Randn([B, N, D, D], 70).requires_grad_();
        var wc = TestUtil.Randn([B, N, D], 71).requires_grad_();
        Tensor Mr() => expanded ? m0.unsqueeze(0).expand(B, N, D, D) : m0;
        var rv = TestUtil.Randn([B * D], 72);
        var fused = StmOps.Read(Mr(), wc);
        var plain = wc.reshape(B, 1, N * D).bmm(Mr().reshape(B, N * D, D));
        Assert.Equal(new[] { B, 1, D }, fused.shape);
        TestUtil.AssertClose(TestUtil.Data(plain), TestUtil.Data(fused), 1e-12, 1e-12, "vr");
        TestUtil.GradCheck(() => StmOps.Read(Mr(), wc).reshape(-1).mul(rv).sum(), [("mr", m0), ("wc", wc)]);
    }

    [Fact]
    public void ChainedReadsAndWritesMatchFiniteDifferences()
    {
        // Two recurrent steps as StmCell runs them: read from the old Mr, then write; the second step reads the first's
        // Mr, so its gradient is the sum of the read's, the decay's and rel's.
        using var scope = torch.NewDisposeScope();
        var m0 = TestUtil.Randn([N, D, D], 80).requires_grad_();
        var s1 = TestUtil.Randn([B, N, N, D], 81).requires_grad_();
        var s2 = TestUtil.Randn([B, N, N, D], 82).requires_grad_();
        var v = TestUtil.Randn([B, N, D], 83).requires_grad_();
        var wc = TestUtil.Randn([B, N, D], 84).requires_grad_();
        var a1 = TestUtil.FromArray([-0.8], [1]).requires_grad_();
        var w = TestUtil.Randn([Nr, D * D], 85, 0.5).requires_grad_();
        var bias = TestUtil.Randn([Nr], 86).requires_grad_();
        var rr = TestUtil.Randn([B * N * Nr], 87);
        Tensor Run()
        {
            var mr = m0.unsqueeze(0).expand(B, N, D, D);
            var vr1 = StmOps.Read(mr, wc);
            var (m1, r1) = StmOps.Write(mr, s1.mul(vr1.sum()), v, a1, 0, w, bias);
            var mr1 = m1.view(B, N, D, D);
            var vr2 = StmOps.Read(mr1, wc.mul(0.5));
            var (_, r2) = StmOps.Write(mr1, s2, v.add(vr2.sum()), a1, 0, w, bias);
            return r1!.reshape(-1).mul(rr).sum().add(r2!.reshape(-1).mul(rr).sum().mul(0.3));
        }
        TestUtil.GradCheck(Run, [("m0", m0), ("s1", s1), ("s2", s2), ("v", v), ("wc", wc), ("alpha1", a1), ("w", w), ("bias", bias)]);
    }

    [Fact]
    public void LargeAlpha1GradientMatchesPlain()
    {
        // Big enough (over 2^19 elements) for the chunked dot product that gives α1's gradient.
        using var scope = torch.NewDisposeScope();
        long b = 8, n = 8, d = 96;
        var prev = TestUtil.Randn([b, n, d, d], 90).requires_grad_();
        var scores = TestUtil.Randn([b, n, n, d], 91).tanh().requires_grad_();
        var v = TestUtil.Randn([b, n, d], 92).requires_grad_();
        var a1 = TestUtil.FromArray([0.3], [1]).requires_grad_();
        var rm = TestUtil.Randn([b * n * d * d], 93);
        List<(string, Tensor)> leaves = [("prev", prev), ("scores", scores), ("v", v), ("alpha1", a1)];
        TestUtil.AssertSameGradients(
            () => PlainWrite(prev, scores, v, a1, 0, null, null).mr.reshape(-1).mul(rm).sum(),
            () => StmOps.Write(prev, scores, v, a1, 0, null, null).mr.reshape(-1).mul(rm).sum(),
            leaves, 1e-9, 1e-10);
    }
}
