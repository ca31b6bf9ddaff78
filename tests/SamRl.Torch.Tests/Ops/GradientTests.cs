using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Torch.Tests.Ops;

/// <summary>Every differentiable op of the binding against finite differences (float64, tiny sizes).</summary>
public class GradientTests
{
    private const ScalarType D = ScalarType.Float64;

    private static Tensor R(long[] shape, ulong seed, double lo = -1, double hi = 1)
    {
        using var g = new Generator(seed);
        return (torch.rand(shape, g, D) * (hi - lo) + lo).DetachFromDisposeScope();
    }

    // Values spread apart so max/min/relu/abs never sit on a kink.
    private static Tensor Spread(long[] shape, ulong seed)
    {
        long n = shape.Aggregate(1L, (a, b) => a * b);
        using var g = new Generator(seed);
        using var perm = torch.randperm(n, g);
        var v = perm.to(D) * 0.37 - (n * 0.37 / 2) + 0.11;
        return v.reshape(shape).DetachFromDisposeScope();
    }

    public static IEnumerable<object[]> Unary() =>
        new[] { "neg", "abs", "exp", "log", "sqrt", "rsqrt", "tanh", "sigmoid", "relu", "sin", "cos", "square", "reciprocal", "log1p", "expm1", "softplus", "gelu", "erf", "silu", "log_sigmoid" }
            .Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Unary))]
    public void UnaryOps(string name)
    {
        using var scope = torch.NewDisposeScope();
        bool positive = name is "log" or "sqrt" or "rsqrt" or "reciprocal" or "log1p";
        var x = positive ? R([2, 3], 1, 0.5, 2) : Spread([2, 3], 1);
        Func<Tensor, Tensor> op = name switch
        {
            "neg" => t => t.neg(),
            "abs" => t => t.abs(),
            "exp" => t => t.exp(),
            "log" => t => t.log(),
            "sqrt" => t => t.sqrt(),
            "rsqrt" => t => t.rsqrt(),
            "tanh" => t => t.tanh(),
            "sigmoid" => t => t.sigmoid(),
            "relu" => t => t.relu(),
            "sin" => t => t.sin(),
            "cos" => t => t.cos(),
            "square" => t => t.square(),
            "reciprocal" => t => t.reciprocal(),
            "log1p" => t => t.log1p(),
            "expm1" => t => t.expm1(),
            "softplus" => t => t.softplus(),
            "gelu" => t => t.gelu(),
            "erf" => t => t.erf(),
            "silu" => t => t.silu(),
            "log_sigmoid" => t => t.log_sigmoid(),
            _ => throw new ArgumentException(name),
        };
        GradCheck.Assert(a => op(a[0]), [x]);
    }

    public static IEnumerable<object[]> Binary() =>
        new[] { "add", "sub", "mul", "div", "pow", "maximum", "minimum", "atan2", "add_scaled", "broadcast_mul" }.Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Binary))]
    public void BinaryOps(string name)
    {
        using var scope = torch.NewDisposeScope();
        var a = name == "pow" ? R([2, 3], 2, 0.5, 2) : Spread([2, 3], 2);
        var b = name == "broadcast_mul" ? R([3], 3) : name is "div" or "pow" ? R([2, 3], 3, 0.5, 2) : Spread([2, 3], 3) * 1.3;
        Func<Tensor, Tensor, Tensor> op = name switch
        {
            "add" => (x, y) => x + y,
            "sub" => (x, y) => x - y,
            "mul" => (x, y) => x * y,
            "div" => (x, y) => x / y,
            "pow" => (x, y) => x.pow(y),
            "maximum" => (x, y) => x.maximum(y),
            "minimum" => (x, y) => x.minimum(y),
            "atan2" => (x, y) => x.atan2(y),
            "add_scaled" => (x, y) => x.add(y, 0.3),
            "broadcast_mul" => (x, y) => x * y,
            _ => throw new ArgumentException(name),
        };
        GradCheck.Assert(t => op(t[0], t[1]), [a, b]);
    }

    [Fact]
    public void ScalarOps()
    {
        using var scope = torch.NewDisposeScope();
        var x = R([2, 3], 4, 0.5, 2);
        GradCheck.Assert(t => (t[0] + 2) * 3 - 1, [x]);
        GradCheck.Assert(t => 2.0 / t[0], [x]);
        GradCheck.Assert(t => 5.0 - t[0], [x]);
        GradCheck.Assert(t => t[0].pow(3) / 4, [x]);
        GradCheck.Assert(t => t[0].rpow(1.5), [x]);
        GradCheck.Assert(t => t[0].clamp(0.8, 1.6), [x]);
        GradCheck.Assert(t => -t[0], [x]);
    }

    [Fact]
    public void WhereAndMaskedFill()
    {
        using var scope = torch.NewDisposeScope();
        var a = R([3, 4], 5);
        var b = R([3, 4], 6);
        var cond = R([3, 4], 7).gt(0);
        GradCheck.Assert(t => torch.where(cond, t[0], t[1]), [a, b]);
        GradCheck.Assert(t => t[0].masked_fill(cond, 0.5), [a]);
    }

    [Fact]
    public void SoftmaxFamily()
    {
        using var scope = torch.NewDisposeScope();
        var x = R([3, 4], 8, -2, 2);
        GradCheck.Assert(t => t[0].softmax(1), [x]);
        GradCheck.Assert(t => t[0].log_softmax(0), [x]);
        GradCheck.Assert(t => t[0].logsumexp(1), [x]);
    }

    [Fact]
    public void Reductions()
    {
        using var scope = torch.NewDisposeScope();
        var x = Spread([3, 4], 9);
        GradCheck.Assert(t => t[0].sum(), [x]);
        GradCheck.Assert(t => t[0].sum(1, keepdim: true), [x]);
        GradCheck.Assert(t => t[0].sum([0L, 1L]), [x]);
        GradCheck.Assert(t => t[0].mean(0), [x]);
        GradCheck.Assert(t => t[0].mean(), [x]);
        GradCheck.Assert(t => t[0].amax(1), [x]);
        GradCheck.Assert(t => t[0].amin(), [x]);
        GradCheck.Assert(t => t[0].max(1).values, [x]);
        GradCheck.Assert(t => t[0].var(1), [x]);
        GradCheck.Assert(t => t[0].std(), [x]);
        GradCheck.Assert(t => t[0].norm(), [x]);
        GradCheck.Assert(t => t[0].norm(0), [x]);
        GradCheck.Assert(t => t[0].prod(1), [x]);
        GradCheck.Assert(t => t[0].cumsum(1), [x]);
    }

    [Fact]
    public void LinearAlgebra()
    {
        using var scope = torch.NewDisposeScope();
        var a = R([3, 4], 10);
        var b = R([4, 2], 11);
        var c = R([3, 2], 12);
        var ba = R([2, 3, 4], 13);
        var bb = R([2, 4, 2], 14);
        GradCheck.Assert(t => t[0].matmul(t[1]), [a, b]);
        GradCheck.Assert(t => t[0].mm(t[1]), [a, b]);
        GradCheck.Assert(t => torch.addmm(t[2], t[0], t[1], 0.5, 2), [a, b, c]);
        GradCheck.Assert(t => t[0].bmm(t[1]), [ba, bb]);
        GradCheck.Assert(t => t[0].matmul(t[1]), [ba, b]);
        GradCheck.Assert(t => torch.einsum("bij,bjk->bik", t[0], t[1]), [ba, bb]);
        GradCheck.Assert(t => torch.einsum("i,j->ij", t[0], t[1]), [R([3], 15), R([2], 16)]);
        var w = R([2, 4], 17);
        var bias = R([2], 18);
        GradCheck.Assert(t => F.linear(t[0], t[1], t[2]), [a, w, bias]);
        GradCheck.Assert(t => F.linear(t[0], t[1]), [a, w]);
    }

    [Fact]
    public void ShapeOps()
    {
        using var scope = torch.NewDisposeScope();
        var x = R([2, 3, 4], 19);
        var idx = torch.tensor(new long[] { 2, 0 }, 2);
        var gidx = torch.tensor(new long[] { 0, 3, 1, 1, 2, 0 }, 2, 3, 1);
        GradCheck.Assert(t => t[0].view(6, 4), [x]);
        GradCheck.Assert(t => t[0].reshape(4, 6), [x]);
        GradCheck.Assert(t => t[0].permute(2, 0, 1), [x]);
        GradCheck.Assert(t => t[0].transpose(0, 2), [x]);
        GradCheck.Assert(t => t[0].unsqueeze(1).squeeze(1), [x]);
        GradCheck.Assert(t => t[0].narrow(1, 1, 2), [x]);
        GradCheck.Assert(t => t[0].select(2, 3), [x]);
        GradCheck.Assert(t => t[0].slice(2, 0, 4, 2), [x]);
        GradCheck.Assert(t => t[0].index_select(1, idx), [x]);
        GradCheck.Assert(t => t[0].gather(2, gidx), [x]);
        GradCheck.Assert(t => t[0].flatten(1), [x]);
        GradCheck.Assert(t => t[0].repeat(1, 2, 1), [x]);
        GradCheck.Assert(t => t[0].narrow(0, 0, 1).expand(3, 3, 4), [x]);
        GradCheck.Assert(t => torch.cat([t[0], t[0] * 2], 1), [x]);
        GradCheck.Assert(t => torch.stack([t[0], t[0].exp()], 0), [x]);
        GradCheck.Assert(t => t[0].split([1L, 3L], 2)[1], [x]);
        GradCheck.Assert(t => t[0].chunk(2, 2)[0] * t[0].chunk(2, 2)[1], [x]);
    }

    [Fact]
    public void ConvolutionPoolingNorms()
    {
        using var scope = torch.NewDisposeScope();
        var x = R([1, 2, 5, 5], 20);
        var w = R([3, 2, 3, 3], 21);
        var b = R([3], 22);
        GradCheck.Assert(t => F.conv2d(t[0], t[1], t[2], stride: 1, padding: 1), [x, w, b]);
        GradCheck.Assert(t => F.conv2d(t[0], t[1], null, stride: 2, padding: 0), [x, w]);
        var px = Spread([1, 2, 4, 4], 23);
        GradCheck.Assert(t => F.max_pool2d(t[0], 2), [px]);
        var ln = R([2, 3, 4], 24);
        var g = R([3, 4], 25);
        var beta = R([3, 4], 26);
        GradCheck.Assert(t => F.layer_norm(t[0], [3, 4], t[1], t[2]), [ln, g, beta]);
        GradCheck.Assert(t => F.layer_norm(t[0], [4]), [ln]);
        GradCheck.Assert(t => F.dropout(t[0], 0.5, training: false), [ln]);
        var emb = R([5, 3], 27);
        var ids = torch.tensor(new long[] { 4, 0, 4, 2 }, 4);
        GradCheck.Assert(t => F.embedding(ids, t[0]), [emb]);
    }

    [Fact]
    public void Losses()
    {
        using var scope = torch.NewDisposeScope();
        var logits = R([4, 3], 28, -2, 2);
        var target = torch.tensor(new long[] { 0, 2, 1, 2 }, 4);
        var y = R([4, 3], 29, 0, 1);
        var p = R([4, 3], 30, 0.1, 0.9);
        GradCheck.Assert(t => F.cross_entropy(t[0], target), [logits]);
        GradCheck.Assert(t => F.cross_entropy(t[0], target, Reduction.Sum), [logits]);
        GradCheck.Assert(t => F.nll_loss(t[0].log_softmax(1), target), [logits]);
        GradCheck.Assert(t => F.mse_loss(t[0], t[1]), [logits, y]);
        GradCheck.Assert(t => F.mse_loss(t[0], t[1], Reduction.None), [logits, y]);
        GradCheck.Assert(t => F.binary_cross_entropy_with_logits(t[0], y), [logits]);
        GradCheck.Assert(t => F.binary_cross_entropy(t[0], y), [p]);
    }
}
