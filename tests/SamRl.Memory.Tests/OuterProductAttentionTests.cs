using SamRl.Torch;

namespace SamRl.Memory.Tests;

public class OuterProductAttentionTests
{
    [Theory]
    [InlineData(2, 3, 3, 4, 4)]
    [InlineData(3, 2, 5, 3, 6)]   // n_q != n_kv, d_qk != d_v
    [InlineData(1, 8, 8, 16, 16)]
    public void MemoryEfficientEqualsNaive(int b, int nq, int nkv, int d, int dv)
    {
        using var scope = torch.NewDisposeScope();
        var q = TestUtil.Randn([b, nq, d], 1);
        var k = TestUtil.Randn([b, nkv, d], 2);
        var v = TestUtil.Randn([b, nkv, dv], 3);
        var fast = OuterProductAttention.Forward(q, k, v);
        var naive = OuterProductAttention.Naive(q, k, v);
        Assert.Equal(new long[] { b, nq, d, dv }, fast.shape);
        TestUtil.AssertClose(TestUtil.Data(naive), TestUtil.Data(fast), 1e-12, 1e-12, "SAM");
    }

    [Fact]
    public void NaiveMatchesTheDefinitionWithLoops()
    {
        // A[i][e,f] = Σ_j tanh(q_i[e]·k_j[e])·v_j[f], written out.
        using var scope = torch.NewDisposeScope();
        int nq = 2, nkv = 3, d = 3, dv = 2;
        var q = TestUtil.Randn([1, nq, d], 4);
        var k = TestUtil.Randn([1, nkv, d], 5);
        var v = TestUtil.Randn([1, nkv, dv], 6);
        double[] qa = TestUtil.Data(q), ka = TestUtil.Data(k), va = TestUtil.Data(v);
        var expected = new double[nq * d * dv];
        for (int i = 0; i < nq; i++)
            for (int e = 0; e < d; e++)
                for (int f = 0; f < dv; f++)
                {
                    double s = 0;
                    for (int j = 0; j < nkv; j++) s += Math.Tanh(qa[i * d + e] * ka[j * d + e]) * va[j * dv + f];
                    expected[(i * d + e) * dv + f] = s;
                }
        TestUtil.AssertClose(expected, TestUtil.Data(OuterProductAttention.Forward(q, k, v)), 1e-12, 1e-12, "SAM");
        TestUtil.AssertClose(expected, TestUtil.Data(OuterProductAttention.Naive(q, k, v)), 1e-12, 1e-12, "naive SAM");
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        var q = TestUtil.Randn([2, 2, 3], 7).requires_grad_();
        var k = TestUtil.Randn([2, 3, 3], 8).requires_grad_();
        var v = TestUtil.Randn([2, 3, 4], 9).requires_grad_();
        var w = TestUtil.Randn([2, 2, 3, 4], 10);
        try
        {
            TestUtil.GradCheck(() => OuterProductAttention.Forward(q, k, v).mul(w).sum(), [("q", q), ("k", k), ("v", v)]);
        }
        finally
        {
            q.Dispose(); k.Dispose(); v.Dispose(); w.Dispose();
        }
    }

    [Fact]
    public void EfficientAndNaiveGradientsAgree()
    {
        var q = TestUtil.Randn([2, 3, 4], 11).requires_grad_();
        var k = TestUtil.Randn([2, 3, 4], 12).requires_grad_();
        var v = TestUtil.Randn([2, 3, 4], 13).requires_grad_();
        var w = TestUtil.Randn([2, 3, 4, 4], 14);
        try
        {
            double[][] Grads(Func<Tensor, Tensor, Tensor, Tensor> f)
            {
                using var scope = torch.NewDisposeScope();
                foreach (var t in new[] { q, k, v }) t.grad = null;
                f(q, k, v).mul(w).sum().backward();
                return [TestUtil.Data(q.grad!), TestUtil.Data(k.grad!), TestUtil.Data(v.grad!)];
            }
            var fast = Grads(OuterProductAttention.Forward);
            var naive = Grads(OuterProductAttention.Naive);
            for (int i = 0; i < 3; i++) TestUtil.AssertClose(naive[i], fast[i], 1e-12, 1e-10, $"grad {i}");
        }
        finally
        {
            q.Dispose(); k.Dispose(); v.Dispose(); w.Dispose();
        }
    }

    [Fact]
    public void BadShapesAreRejected()
    {
        using var scope = torch.NewDisposeScope();
        var q = torch.zeros(2, 3, 4);
        var k = torch.zeros(2, 3, 5);
        var ex = Assert.Throws<ArgumentException>(() => OuterProductAttention.Forward(q, k, k));
        Assert.Contains("(B, n_q, d)", ex.Message);
    }
}
