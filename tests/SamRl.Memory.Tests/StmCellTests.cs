using SamRl.Torch;

namespace SamRl.Memory.Tests;

public class StmCellTests
{
    internal static StmOptions Config(string name) => name switch
    {
        "gates" => TestUtil.Tiny,
        "nogates" => TestUtil.Tiny with { Gates = false },
        "perrow" => TestUtil.Tiny with { QkvNorm = QkvNorm.PerRow },
        "nogates-perrow" => TestUtil.Tiny with { Gates = false, QkvNorm = QkvNorm.PerRow },
        "rl" => TestUtil.Tiny with { QkvNorm = QkvNorm.PerRow, OutputNorm = true, CarryRelationalMemory = false },
        "fixed-alphas" => TestUtil.Tiny with { Alpha1 = 0.8, Alpha2 = -0.5, Alpha3 = 0.3 },
        "rar" => TestUtil.Tiny with { Alpha1 = 0, Alpha2 = 0 },
        "babi" => TestUtil.Tiny with { Alpha1 = 1, Alpha3 = 0, InputMlpHidden = 3, NumSlots = 3 },
        "steps2" => TestUtil.Tiny with { Steps = 2 },
        "zero-init" => TestUtil.Tiny with { LearnInitialMemories = false, OutputNorm = true },
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [InlineData("gates")]
    [InlineData("nogates")]
    [InlineData("perrow")]
    [InlineData("rl")]
    [InlineData("fixed-alphas")]
    [InlineData("rar")]
    [InlineData("babi")]
    [InlineData("steps2")]
    [InlineData("zero-init")]
    public void StepsMatchNaiveReference(string config)
    {
        const int batch = 2, input = 3, output = 2, steps = 4;
        using var cell = TestUtil.TinyCell(Config(config), input, output, seed: 3);
        var naive = new NaiveStm(cell);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var state = cell.InitialState(batch);
        var mi = Enumerable.Range(0, batch).Select(_ => naive.InitialMi()).ToArray();
        var mr = Enumerable.Range(0, batch).Select(_ => naive.InitialMr()).ToArray();
        for (int t = 0; t < steps; t++)
        {
            var x = TestUtil.Randn([batch, input], (ulong)(50 + t));
            var xa = TestUtil.Data(x);
            var (y, next) = cell.Step(x, state);
            state = next;
            var ya = TestUtil.Data(y);
            var ha = TestUtil.Data(state["h"]);
            var mia = TestUtil.Data(state["Mi"]);
            var mra = TestUtil.Data(state["Mr"]);
            for (int b = 0; b < batch; b++)
            {
                var (ry, ro, rmi, rmr) = naive.Step(xa[(b * input)..((b + 1) * input)], mi[b], mr[b]);
                mi[b] = rmi;
                mr[b] = rmr;
                TestUtil.AssertClose(ry, ya[(b * output)..((b + 1) * output)], 1e-10, 1e-9, $"{config} y t={t} b={b}");
                TestUtil.AssertClose(ro, ha[(b * ro.Length)..((b + 1) * ro.Length)], 1e-10, 1e-9, $"{config} h t={t} b={b}");
                TestUtil.AssertClose(rmi, mia[(b * rmi.Length)..((b + 1) * rmi.Length)], 1e-10, 1e-9, $"{config} Mi t={t} b={b}");
                TestUtil.AssertClose(rmr, mra[(b * rmr.Length)..((b + 1) * rmr.Length)], 1e-10, 1e-9, $"{config} Mr t={t} b={b}");
            }
        }
    }

    [Theory]
    [InlineData("gates")]
    [InlineData("nogates")]
    [InlineData("rl")]
    [InlineData("steps2")]
    [InlineData("babi")]
    public void AdvanceEqualsStepWithoutTheOutput(string config)
    {
        // The input phase of a task runs Advance; the memories and every gradient through them must equal Step's.
        const int batch = 2, input = 3, output = 2, steps = 3;
        using var cell = TestUtil.TinyCell(Config(config), input, output, seed: 7);
        using var scope = torch.NewDisposeScope();
        var xs = Enumerable.Range(0, steps).Select(t => TestUtil.Randn([batch, input], (ulong)(110 + t))).ToArray();
        var w = TestUtil.Randn([batch, output], 120);
        (Tensor loss, RecurrentState state) Run(bool advance)
        {
            var state = cell.InitialState(batch);
            var h0 = state["h"];
            for (int t = 0; t < steps - 1; t++) state = advance ? cell.Advance(xs[t], state) : cell.Step(xs[t], state).state;
            if (advance) Assert.Same(h0, state["h"]); // h is carried, not recomputed
            var (y, last) = cell.Step(xs[^1], state);
            return (y.mul(w).sum().add(last["Mr"].sum().mul(0.1)), state);
        }
        var grads = new List<double[]>[2];
        var states = new RecurrentState[2];
        for (int k = 0; k < 2; k++)
        {
            cell.zero_grad();
            var (loss, st) = Run(advance: k == 1);
            states[k] = st;
            loss.backward();
            grads[k] = cell.parameters().Select(p => p.grad is { } g ? TestUtil.Data(g) : new double[p.numel()]).ToList();
        }
        TestUtil.AssertClose(TestUtil.Data(states[0]["Mi"]), TestUtil.Data(states[1]["Mi"]), 0, 0, $"{config} Mi");
        TestUtil.AssertClose(TestUtil.Data(states[0]["Mr"]), TestUtil.Data(states[1]["Mr"]), 0, 0, $"{config} Mr");
        for (int i = 0; i < grads[0].Count; i++) TestUtil.AssertClose(grads[0][i], grads[1][i], 1e-14, 1e-12, $"{config} gradient {i}");
        cell.zero_grad();
    }

    [Theory]
    [InlineData("gates")]
    [InlineData("nogates")]
    [InlineData("perrow")]
    [InlineData("nogates-perrow")]
    [InlineData("rl")]
    [InlineData("steps2")]
    public void GradientsMatchFiniteDifferences(string config)
    {
        const int batch = 2, input = 3, output = 2, steps = 3;
        using var cell = TestUtil.TinyCell(Config(config), input, output, seed: 5);
        var xs = Enumerable.Range(0, steps).Select(t => TestUtil.Randn([batch, input], (ulong)(70 + t)).requires_grad_()).ToArray();
        var ws = Enumerable.Range(0, steps).Select(t => TestUtil.Randn([batch, output], (ulong)(90 + t))).ToArray();
        try
        {
            Tensor Loss()
            {
                using var scope = torch.NewDisposeScope();
                var state = cell.InitialState(batch);
                Tensor total = torch.zeros([], ScalarType.Float64);
                for (int t = 0; t < steps; t++)
                {
                    var (y, next) = cell.Step(xs[t], state);
                    state = next;
                    total = total.add(y.mul(ws[t]).sum());
                }
                // The memories feed later steps only through y; also weigh the final Mi so its last update is checked.
                total = total.add(state["Mi"].sum().mul(0.1));
                return scope.MoveToOuter(total);
            }
            var inputs = cell.named_parameters().Select(p => (p.name, p.parameter)).ToList();
            for (int t = 0; t < steps; t++) inputs.Add(($"x{t}", xs[t]));
            TestUtil.GradCheck(Loss, inputs, eps: 1e-6, atol: 1e-7, rtol: 1e-5);
        }
        finally
        {
            foreach (var t in xs.Concat(ws)) t.Dispose();
        }
    }

    [Fact]
    public void DefaultAlphasStartAtZeroAndAreLearnable()
    {
        using var cell = new StmCell(3, 2, TestUtil.Tiny);
        var names = cell.named_parameters().Select(p => p.name).ToHashSet();
        foreach (var a in new[] { "alpha10", "alpha20", "alpha30" })
        {
            Assert.Contains(a, names);
            var p = cell.state_dict()[a];
            Assert.Equal(new long[] { 1 }, p.shape);
            Assert.Equal(0.0, p.item());
        }
        Assert.Equal(1.0, cell.state_dict()["forget_bias"].item());
        Assert.Equal(0.0, cell.state_dict()["input_bias"].item());
        using var rar = new StmCell(3, 2, StmOptions.Rar with { SlotSize = 4, NumSlots = 2, RelSize = 3 });
        var rarNames = rar.named_parameters().Select(p => p.name).ToHashSet();
        Assert.DoesNotContain("alpha10", rarNames);
        Assert.DoesNotContain("alpha20", rarNames);
        Assert.Contains("alpha30", rarNames);
    }

    [Fact]
    public void StateShapesAndNames()
    {
        using var cell = new StmCell(3, 2, TestUtil.Tiny);
        using var scope = torch.NewDisposeScope();
        var s0 = cell.InitialState(5);
        Assert.Equal(new[] { "h", "Mi", "Mr" }, s0.Names);
        Assert.Equal(new long[] { 5, 3 }, s0["h"].shape);
        Assert.Equal(new long[] { 5, 4, 4 }, s0["Mi"].shape);
        Assert.Equal(new long[] { 5, 2, 4, 4 }, s0["Mr"].shape);
        var (y, s1) = cell.Step(torch.zeros(5, 3), s0);
        Assert.Equal(new long[] { 5, 2 }, y.shape);
        Assert.Equal(s0["Mr"].shape, s1["Mr"].shape);
        var ex = Assert.Throws<ArgumentException>(() => cell.Step(torch.zeros(5, 4), s0));
        Assert.Contains("(B, 3)", ex.Message);
    }

    [Fact]
    public void SequenceForwardEqualsStepping()
    {
        using var cell = TestUtil.TinyCell(TestUtil.Tiny, seed: 9);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var xs = TestUtil.Randn([2, 4, 3], 77);
        var (ys, _) = cell.Forward(xs);
        var state = cell.InitialState(2);
        for (int t = 0; t < 4; t++)
        {
            var (y, next) = cell.Step(xs.select(1, t), state);
            state = next;
            TestUtil.AssertClose(TestUtil.Data(y), TestUtil.Data(ys.select(1, t)), 0, 0, $"t={t}");
        }
    }

    [Fact]
    public void StepsLeakNoTensors()
    {
        using var cell = TestUtil.TinyCell(TestUtil.Tiny, seed: 11);
        void Run()
        {
            using var scope = torch.NewDisposeScope();
            var state = cell.InitialState(2);
            Tensor loss = torch.zeros([], ScalarType.Float64);
            for (int t = 0; t < 3; t++)
            {
                var (y, next) = cell.Step(torch.ones([2, 3], ScalarType.Float64), state);
                state = next;
                loss = loss.add(y.sum());
            }
            loss.backward();
        }
        Run(); // warm-up: anything created lazily once
        cell.zero_grad();
        // Finalize what earlier tests dropped, so only this test can move the count.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = torch.LiveTensors;
        Run();
        Run();
        cell.zero_grad();
        Assert.Equal(before, torch.LiveTensors);
    }
}
