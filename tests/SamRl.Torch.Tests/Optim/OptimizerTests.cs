using SamRl.Torch.NN;
using SamRl.Torch.Optim;

namespace SamRl.Torch.Tests.Optim;

public class OptimizerTests
{
    // Per-step gradients for a 3-element parameter: varying so amsgrad's running max matters.
    private static readonly double[] P0 = [1.0, -2.0, 0.5];
    private static readonly double[][] Grads = [[0.5, -1.0, 2.0], [0.1, 0.3, -0.2], [-0.4, 0.05, 1.5]];

    private static long Live()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return torch.LiveTensors;
    }

    private static Tensor Param(double[] values) => torch.tensor(values).requires_grad_().DetachFromDisposeScope();

    /// <summary>Runs the optimizer over Grads, alternately through .grad and through step(grads).</summary>
    private static double[] Run(Func<Tensor, Optimizer> make)
    {
        using var p = Param(P0);
        using var opt = make(p);
        for (int s = 0; s < Grads.Length; s++)
        {
            using var scope = torch.NewDisposeScope();
            var g = torch.tensor(Grads[s]);
            if (s % 2 == 0)
            {
                p.grad = g;
                opt.step();
            }
            else
            {
                opt.step([g]);
            }
            Assert.Equal(s + 1, opt.step_count);
            Assert.Equal(s + 1, opt.step_of(p));
        }
        return p.data<double>();
    }

    private static double[] HandAdam(double lr, double b1, double b2, double eps, double wd, bool amsgrad, bool legacyEps = false)
    {
        var p = (double[])P0.Clone();
        var m = new double[p.Length];
        var v = new double[p.Length];
        var vmax = new double[p.Length];
        for (int t = 1; t <= Grads.Length; t++)
            for (int i = 0; i < p.Length; i++)
            {
                double g = Grads[t - 1][i] + wd * p[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                vmax[i] = Math.Max(vmax[i], v[i]);
                double vhat = amsgrad ? vmax[i] : v[i];
                if (legacyEps)
                {
                    // pytorch-a3c's SharedAdam: step_size = lr·√(1-β₂ᵗ)/(1-β₁ᵗ), denom = √v̂ + eps.
                    p[i] -= lr * Math.Sqrt(1 - Math.Pow(b2, t)) / (1 - Math.Pow(b1, t)) * m[i] / (Math.Sqrt(vhat) + eps);
                    continue;
                }
                double denom = Math.Sqrt(vhat) / Math.Sqrt(1 - Math.Pow(b2, t)) + eps;
                p[i] -= lr / (1 - Math.Pow(b1, t)) * m[i] / denom;
            }
        return p;
    }

    private static double[] HandRmsprop(double lr, double alpha, double eps, double wd, double momentum, bool centered)
    {
        var p = (double[])P0.Clone();
        var sq = new double[p.Length];
        var ga = new double[p.Length];
        var buf = new double[p.Length];
        foreach (var grad in Grads)
            for (int i = 0; i < p.Length; i++)
            {
                double g = grad[i] + wd * p[i];
                sq[i] = alpha * sq[i] + (1 - alpha) * g * g;
                double avg;
                if (centered)
                {
                    ga[i] = alpha * ga[i] + (1 - alpha) * g;
                    avg = Math.Sqrt(sq[i] - ga[i] * ga[i]) + eps;
                }
                else
                {
                    avg = Math.Sqrt(sq[i]) + eps;
                }
                if (momentum > 0)
                {
                    buf[i] = momentum * buf[i] + g / avg;
                    p[i] -= lr * buf[i];
                }
                else
                {
                    p[i] -= lr * g / avg;
                }
            }
        return p;
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-12);
        Assert.NotEqual(P0, actual);
    }

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(true, 0.0)]
    [InlineData(false, 0.1)]
    [InlineData(true, 0.05)]
    public void Adam_matches_hand_computation(bool amsgrad, double wd)
    {
        var got = Run(p => new Adam([p], lr: 0.1, betas: (0.8, 0.9), eps: 1e-3, weightDecay: wd, amsgrad: amsgrad));
        AssertClose(HandAdam(0.1, 0.8, 0.9, 1e-3, wd, amsgrad), got);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Adam_with_legacy_eps_matches_the_shared_adam_formula(bool amsgrad)
    {
        // eps 0.5 makes the two placements of eps differ well beyond rounding.
        var got = Run(p => new Adam([p], lr: 0.1, betas: (0.8, 0.9), eps: 0.5, amsgrad: amsgrad, legacyEps: true));
        AssertClose(HandAdam(0.1, 0.8, 0.9, 0.5, 0, amsgrad, legacyEps: true), got);
        Assert.True(Math.Abs(got[0] - HandAdam(0.1, 0.8, 0.9, 0.5, 0, amsgrad)[0]) > 1e-3);
    }

    [Fact]
    public void Amsgrad_differs_from_plain_adam_here()
    {
        // Guards the test data: the gradients must make v shrink somewhere so the two variants diverge.
        Assert.NotEqual(HandAdam(0.1, 0.8, 0.9, 1e-3, 0, false), HandAdam(0.1, 0.8, 0.9, 1e-3, 0, true));
    }

    [Fact]
    public void Adam_defaults_are_pytorch_defaults()
    {
        using var p = Param(P0);
        using var opt = new Adam([p]);
        Assert.Equal(1e-3, opt.lr);
        Assert.Equal((0.9, 0.999), (opt.beta1, opt.beta2));
        Assert.Equal(1e-8, opt.eps);
        Assert.Equal(["exp_avg", "exp_avg_sq"], opt.state(0).Keys.ToArray());
    }

    [Theory]
    [InlineData(0.0, false, 0.0)]
    [InlineData(0.9, false, 0.0)]
    [InlineData(0.0, true, 0.0)]
    [InlineData(0.5, true, 0.1)]
    public void RMSprop_matches_hand_computation(double momentum, bool centered, double wd)
    {
        var got = Run(p => new RMSprop([p], lr: 0.01, alpha: 0.9, eps: 1e-6, weightDecay: wd, momentum: momentum, centered: centered));
        AssertClose(HandRmsprop(0.01, 0.9, 1e-6, wd, momentum, centered), got);
    }

    [Fact]
    public void Learning_rate_is_settable_between_steps()
    {
        using var p = Param([1.0]);
        using var opt = new RMSprop([p], lr: 0.5, alpha: 0);
        using var scope = torch.NewDisposeScope();
        opt.step([torch.tensor(new[] { 2.0 })]); // alpha 0: avg = |g| + eps, so each step moves by lr·sign(g)
        opt.lr = 0.25;
        Assert.Equal(0.25, opt.param_groups[0].lr);
        opt.step([torch.tensor(new[] { 2.0 })]);
        Assert.Equal(1.0 - 0.5 - 0.25, p.data<double>()[0], 1e-6);
    }

    [Fact]
    public void Param_groups_have_their_own_learning_rate()
    {
        using var a = Param([1.0]);
        using var b = Param([1.0]);
        using var opt = new RMSprop([new ParamGroup([a]), new ParamGroup([b], lr: 0.1)], lr: 0.5, alpha: 0);
        Assert.Equal([a, b], opt.parameters);
        using var scope = torch.NewDisposeScope();
        opt.step([torch.tensor(new[] { 1.0 }), torch.tensor(new[] { 1.0 })]);
        Assert.Equal(0.5, a.data<double>()[0], 1e-6);
        Assert.Equal(0.9, b.data<double>()[0], 1e-6);
    }

    [Fact]
    public void Parameters_without_grad_are_skipped_and_zero_grad_clears()
    {
        using var a = Param([1.0, 2.0]);
        using var b = Param([3.0]);
        using var opt = new Adam([a, b], lr: 0.1);
        using (var scope = torch.NewDisposeScope()) a.grad = torch.tensor(new[] { 1.0, 1.0 });
        opt.step();
        Assert.Equal(1, opt.step_of(a));
        Assert.Equal(0, opt.step_of(b));
        Assert.Equal([3.0], b.data<double>());
        opt.zero_grad();
        using (var scope = torch.NewDisposeScope()) Assert.Equal([0.0, 0.0], a.grad!.data<double>());
        opt.zero_grad(setToNone: true);
        Assert.Null(a.grad);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        using var p = Param([1.0]);
        using var scope = torch.NewDisposeScope();
        Assert.Throws<ArgumentException>(() => new Adam([p, p]));
        Assert.Throws<ArgumentException>(() => new Adam(Array.Empty<Tensor>()));
        Assert.Throws<ArgumentException>(() => new Adam([p * 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([p], betas: (1.0, 0.9)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RMSprop([p], lr: -1));
        using var opt = new Adam([p]);
        Assert.Throws<ArgumentException>(() => opt.step([]));
        Assert.Throws<ArgumentException>(() => opt.step([torch.zeros([2], ScalarType.Float64)]));
    }

    [Fact]
    public void State_dict_round_trip_resumes_identically()
    {
        using var p1 = Param(P0);
        using var p2 = Param(P0);
        using var o1 = new Adam([p1], lr: 0.1, amsgrad: true);
        using var o2 = new Adam([p2], lr: 0.1, amsgrad: true);
        using var scope = torch.NewDisposeScope();
        o1.step([torch.tensor(Grads[0])]);
        o1.step([torch.tensor(Grads[1])]);
        var sd = o1.state_dict();
        Assert.Equal(["0.exp_avg", "0.exp_avg_sq", "0.max_exp_avg_sq", "0.step"], sd.Keys.ToArray());
        o2.load_state_dict(sd);
        using (torch.no_grad()) p2.copy_(p1);
        Assert.Equal(2, o2.step_of(0));
        o1.step([torch.tensor(Grads[2])]);
        o2.step([torch.tensor(Grads[2])]);
        Assert.Equal(p1.data<double>(), p2.data<double>());
        sd.Remove("0.exp_avg");
        Assert.Throws<InvalidDataException>(() => o2.load_state_dict(sd));
    }

    [Fact]
    public void Clip_grad_norm_matches_hand_computation()
    {
        using var a = Param([3.0, -4.0]);
        using var b = Param([1.0, 2.0, 2.0]);
        using var c = Param([5.0]); // no grad: ignored
        using var scope = torch.NewDisposeScope();
        double[] ga = [0.3, -0.4], gb = [1.0, 2.0, -2.0];
        a.grad = torch.tensor(ga);
        b.grad = torch.tensor(gb);
        double total = Math.Sqrt(ga.Concat(gb).Sum(v => v * v));
        double norm = utils.clip_grad_norm_([a, b, c], 1.0);
        Assert.Equal(total, norm, 1e-12);
        double coef = Math.Min(1.0 / (total + 1e-6), 1.0);
        Assert.Equal(ga.Select(v => v * coef), a.grad!.data<double>(), (x, y) => Math.Abs(x - y) < 1e-12);
        Assert.Equal(gb.Select(v => v * coef), b.grad!.data<double>(), (x, y) => Math.Abs(x - y) < 1e-12);

        // Below the limit: unchanged (scaled by exactly 1).
        a.grad = torch.tensor(ga);
        Assert.Equal(0.5, utils.clip_grad_norm_([a], 10.0), 1e-12);
        Assert.Equal(ga, a.grad!.data<double>());

        // Infinity norm: the largest |g|.
        b.grad = torch.tensor(gb);
        Assert.Equal(2.0, utils.clip_grad_norm_([a, b], 1.0, double.PositiveInfinity), 1e-12);
        Assert.Equal(-2.0 / (2.0 + 1e-6), b.grad!.data<double>()[2], 1e-12);

        Assert.Equal(0.0, utils.clip_grad_norm_([c], 1.0));
    }

    [Fact]
    public void Concurrent_steps_on_a_shared_optimizer_count_every_step()
    {
        const int Threads = 2, Steps = 150;
        using var w = torch.randn([64, 32]).requires_grad_().DetachFromDisposeScope();
        using var bias = torch.zeros([32]).requires_grad_().DetachFromDisposeScope();
        foreach (var make in new Func<Optimizer>[]
                 {
                     () => new Adam([w, bias], lr: 1e-3, amsgrad: true, weightDecay: 1e-4),
                     () => new RMSprop([w, bias], lr: 1e-3, momentum: 0.9, centered: true),
                 })
        {
            using var opt = make();
            opt.init_shared_grads();
            using (var s = torch.NewDisposeScope())
            {
                w.grad!.fill_(0.01);
                bias.grad!.fill_(-0.02);
            }
            long before = Live();
            using var start = new Barrier(Threads);
            var errors = new List<Exception>();
            var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
            {
                try
                {
                    start.SignalAndWait();
                    for (int i = 0; i < Steps; i++)
                    {
                        if ((i + t) % 2 == 0)
                        {
                            opt.step(); // shared .grad, read-only while threads run
                        }
                        else
                        {
                            using var scope = torch.NewDisposeScope();
                            // thread-local grads, different from the shared ones so centered RMSprop's variance stays positive
                            opt.step([torch.full([64, 32], -0.03), torch.full([32], 0.02)]);
                        }
                    }
                }
                catch (Exception e)
                {
                    lock (errors) errors.Add(e);
                }
            })).ToList();
            threads.ForEach(th => th.Start());
            threads.ForEach(th => th.Join());
            Assert.Empty(errors);
            Assert.Equal(Threads * Steps, opt.step_count);
            Assert.Equal(Threads * Steps, opt.step_of(w));
            Assert.Equal(Threads * Steps, opt.step_of(bias));
            Assert.True(w.data<float>().All(float.IsFinite), $"{opt.GetType().Name}: non-finite weights after concurrent steps");
            Assert.True(bias.data<float>().All(float.IsFinite), $"{opt.GetType().Name}: non-finite bias after concurrent steps");
            Assert.Equal(before, Live());
            opt.zero_grad(setToNone: true);
        }
    }

    [Fact]
    public void Steps_leak_no_tensors()
    {
        using var model = new Sequential(new Linear(6, 8), new Tanh(), new Linear(8, 2));
        using var adam = new Adam(model.parameters(), lr: 1e-2, amsgrad: true, weightDecay: 0.01);
        using var rms = new RMSprop(model.parameters(), lr: 1e-3, momentum: 0.9, centered: true, weightDecay: 0.01);
        void Backward()
        {
            using var scope = torch.NewDisposeScope();
            model.forward(torch.randn([4, 6])).pow(2).mean().backward();
        }
        Backward();
        long before = Live();
        for (int i = 0; i < 10; i++)
        {
            using var scope = torch.NewDisposeScope();
            adam.zero_grad();
            Backward();
            utils.clip_grad_norm_(model.parameters(), 0.5);
            adam.step();
            rms.step();
        }
        // The step itself frees its temporaries even without a caller scope.
        adam.step();
        rms.step();
        Assert.Equal(before, Live());
    }
}
