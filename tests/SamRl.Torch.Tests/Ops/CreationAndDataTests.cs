using SamRl.Torch;

namespace SamRl.Torch.Tests.Ops;

public class CreationAndDataTests
{
    [Fact]
    public void FactoriesHaveShapeDtypeAndValues()
    {
        using var scope = torch.NewDisposeScope();
        var z = torch.zeros([2, 3]);
        Assert.Equal(new long[] { 2, 3 }, z.shape);
        Assert.Equal(ScalarType.Float32, z.dtype);
        Assert.Equal(0, z.sum().item());
        Assert.Equal(6, torch.ones([2, 3], ScalarType.Float64).sum().item());
        Assert.Equal(new float[] { 7, 7 }, torch.full([2], 7).data<float>());
        Assert.Equal(new long[] { 0, 1, 2, 3 }, torch.arange(4).data<long>());
        Assert.Equal(new double[] { 1, 0, 0, 1 }, torch.eye(2, dtype: ScalarType.Float64).data<double>());
        Assert.Equal(new byte[] { 1, 2, 255 }, torch.tensor(new byte[] { 1, 2, 255 }).data<byte>());
        Assert.Equal(new[] { true, false }, torch.tensor(new[] { true, false }).data<bool>());
        Assert.Equal(ScalarType.Int64, torch.tensor(new long[] { 1 }).dtype);
        Assert.Equal(new long[] { 2, 2 }, torch.tensor(new float[] { 1, 2, 3, 4 }, 2, 2).shape);
        Assert.Equal(Device.CPU, z.device);
    }

    [Fact]
    public void SeededGeneratorsAreDeterministic()
    {
        using var scope = torch.NewDisposeScope();
        using var g1 = new Generator(42);
        using var g2 = new Generator(42);
        using var g3 = new Generator(43);
        var a = torch.randn([5], g1).data<float>();
        var b = torch.randn([5], g2).data<float>();
        var c = torch.randn([5], g3).data<float>();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        g1.manual_seed(7);
        g2.manual_seed(7);
        Assert.Equal(torch.rand([4], g1).data<float>(), torch.rand([4], g2).data<float>());
        Assert.Equal(torch.randint(0, 10, [6], g1).data<long>(), torch.randint(0, 10, [6], g2).data<long>());
        var u = torch.rand([1000], g3);
        Assert.InRange(u.amin().item(), 0, 1);
        Assert.InRange(u.mean().item(), 0.45, 0.55);
    }

    [Fact]
    public void ArithmeticMatchesHandValues()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3, 4 }, 2, 2);
        var b = torch.tensor(new float[] { 5, 6, 7, 8 }, 2, 2);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, a.matmul(b).data<float>());
        Assert.Equal(new float[] { 6, 8, 10, 12 }, (a + b).data<float>());
        Assert.Equal(new float[] { 1, 0, 1, 0 }, a.remainder(2).data<float>());
        Assert.Equal(new long[] { 1, 1 }, a.argmax(1).data<long>());
        Assert.Equal(new float[] { 4, 6 }, a.sum(0).data<float>());
        Assert.Equal(new[] { false, true, true, true }, a.gt(1).data<bool>());
        Assert.Equal(ScalarType.Int64, torch.arange(3).add(1).dtype);
        var (vals, idx) = torch.tensor(new float[] { 3, 1, 4, 1, 5 }).topk(2);
        Assert.Equal(new float[] { 5, 4 }, vals.data<float>());
        Assert.Equal(new long[] { 4, 2 }, idx.data<long>());
        Assert.Equal(new float[] { 1, 5 }, torch.tensor(new float[] { 3, 1, 4, 1, 5 }).split([2L, 3L])[1].narrow(0, 1, 2).data<float>());
        Assert.Equal(3, torch.tensor(new float[] { 1, 2, 3 }).chunk(2).Sum(t => t.numel()));
    }

    [Fact]
    public void InPlaceOpsAndNoGrad()
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.ones([3]).requires_grad_();
        Assert.True(p.requires_grad);
        Assert.True(p.is_leaf);
        (p * 2).sum().backward();
        Assert.Equal(new float[] { 2, 2, 2 }, p.grad!.data<float>());
        using (torch.no_grad())
        {
            Assert.False(torch.is_grad_enabled());
            p.sub_(p.grad!, 0.5);
            Assert.False((p * 2).requires_grad);
        }
        Assert.True(torch.is_grad_enabled());
        Assert.Equal(new float[] { 0, 0, 0 }, p.data<float>());
        p.grad = null;
        Assert.Null(p.grad);
        var q = torch.zeros([2]);
        q.add_(1).mul_(3).addcmul_(torch.ones([2]), torch.full([2], 2), 0.5);
        Assert.Equal(new float[] { 4, 4 }, q.data<float>());
        q.addcdiv_(torch.ones([2]), torch.full([2], 4), 2).sqrt_();
        Assert.Equal(new float[] { 2.12132034f, 2.12132034f }, q.data<float>());
        q.copy_(torch.tensor(new float[] { -1, 9 })).clamp_(0, 5);
        Assert.Equal(new float[] { 0, 5 }, q.data<float>());
        q.maximum_(torch.full([2], 3));
        Assert.Equal(new float[] { 3, 5 }, q.data<float>());
    }

    [Fact]
    public void ConversionsAndToString()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1.5f, 2.5f });
        Assert.Equal(new double[] { 1.5, 2.5 }, a.to(ScalarType.Float64).data<double>());
        Assert.Equal(new long[] { 1, 2 }, a.@long().data<long>());
        Assert.Contains("1.5", a.ToString());
        Assert.Equal(2.5f, a.max().item<float>());
        Assert.Equal(3, torch.tensor(new long[] { 3 }).item<long>());
    }
}
