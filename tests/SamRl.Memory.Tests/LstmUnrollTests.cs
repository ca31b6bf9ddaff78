using SamRl.Torch;
using static SamRl.Memory.Tests.TestUtil;

namespace SamRl.Memory.Tests;

/// <summary>LstmCore.Unroll (the native sequence op) against step-by-step cell steps and finite differences.</summary>
public class LstmUnrollTests
{
    private const long T = 5, B = 3, I = 4, H = 6;

    private static LstmCore Core()
    {
        using var g = new Generator(3);
        return new LstmCore(I, H, true, ScalarType.Float64, null, g);
    }

    // A loss that reads the chosen outputs and the final c, so every gradient path (outputs, carried h and c) is used.
    private static Tensor Loss(Tensor outputs, RecurrentState final, Tensor wOut, Tensor wC) =>
        outputs.mul(wOut).sum().add(final["c"].mul(wC).sum());

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void UnrollEqualsStepByStepInValuesAndGradients(long readFrom)
    {
        using var core = Core();
        using var scope = torch.NewDisposeScope();
        var xs = Randn([T, B, I], 10).requires_grad_();
        var h0 = Randn([B, H], 11, 0.5).requires_grad_();
        var c0 = Randn([B, H], 12, 0.5).requires_grad_();
        var wOut = Randn([T - readFrom, B, H], 13);
        var wC = Randn([B, H], 14);

        Tensor Stepwise()
        {
            var state = new RecurrentState(("h", h0), ("c", c0));
            var outs = new List<Tensor>();
            for (long t = 0; t < T; t++)
            {
                var (y, next) = core.Step(xs.select(0, t), state);
                state = next;
                if (t >= readFrom) outs.Add(y);
            }
            return Loss(torch.stack(outs, 0), state, wOut, wC);
        }

        Tensor Unrolled()
        {
            var (ys, state) = core.Unroll(xs, new RecurrentState(("h", h0), ("c", c0)), readFrom);
            Assert.Equal(new[] { T - readFrom, B, H }, ys.shape);
            Assert.True(state["h"].equal(ys.select(0, T - readFrom - 1)));
            return Loss(ys, state, wOut, wC);
        }

        Assert.Equal(Stepwise().item(), Unrolled().item(), 12);
        var leaves = new List<(string, Tensor)> { ("xs", xs), ("h0", h0), ("c0", c0) };
        leaves.AddRange(core.named_parameters());
        AssertSameGradients(Stepwise, Unrolled, leaves, 1e-12, 1e-10);
    }

    [Fact]
    public void UnrollGradientsMatchFiniteDifferences()
    {
        using var core = Core();
        using var scope = torch.NewDisposeScope();
        var xs = Randn([T, B, I], 20).requires_grad_();
        var h0 = Randn([B, H], 21, 0.5).requires_grad_();
        var c0 = Randn([B, H], 22, 0.5).requires_grad_();
        var wOut = Randn([T - 1, B, H], 23);
        var wC = Randn([B, H], 24);
        Tensor Loss1()
        {
            var (ys, state) = core.Unroll(xs, new RecurrentState(("h", h0), ("c", c0)), 1);
            return Loss(ys, state, wOut, wC);
        }
        var inputs = new List<(string, Tensor)> { ("xs", xs), ("h0", h0), ("c0", c0) };
        inputs.AddRange(core.named_parameters());
        GradCheck(Loss1, inputs);
    }

    [Fact]
    public void StmUnrollIsItsStepLoop()
    {
        using var cell = TinyCell(Tiny, input: 3, output: 2);
        using var scope = torch.NewDisposeScope();
        var xs = Randn([4, 2, 3], 30);
        var (ys, state) = cell.Unroll(xs, cell.InitialState(2), 3);
        var s = cell.InitialState(2);
        for (long t = 0; t < 3; t++) s = cell.Advance(xs.select(0, t), s);
        var (y, _) = cell.Step(xs.select(0, 3), s);
        Assert.True(ys.select(0, 0).equal(y));
        Assert.Equal(new long[] { 1, 2, 2 }, ys.shape);
        Assert.NotNull(state["h"]);
    }

    [Fact]
    public void UnrollRejectsBadShapesAndReadFrom()
    {
        using var core = Core();
        using var scope = torch.NewDisposeScope();
        var state = core.InitialState(B);
        Assert.Throws<ArgumentException>(() => core.Unroll(torch.zeros([T, B, I + 1], ScalarType.Float64), state));
        Assert.Throws<ArgumentException>(() => core.Unroll(torch.zeros([T, B, I], ScalarType.Float64), state, T));
        Assert.Throws<ArgumentException>(() => core.Unroll(torch.zeros([B, I], ScalarType.Float64), state));
    }
}
