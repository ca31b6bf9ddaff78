using SamRl.Torch.NN;

namespace SamRl.Torch.Tests.NN;

public class LayerTests
{
    private sealed class Net : Module<Tensor, Tensor>
    {
        public Sequential mlp { get; }
        public Linear head { get; }

        public Net()
        {
            mlp = RegisterModule("mlp", new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 8), new Tanh()));
            head = RegisterModule("head", new Linear(8, 2));
        }

        public override Tensor forward(Tensor input) => head.forward(mlp.forward(input));
    }

    private static long Live()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return torch.LiveTensors;
    }

    [Fact]
    public void Sequential_names_parameters_like_pytorch()
    {
        using var seq = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 2));
        var named = seq.named_parameters().Select(p => (p.name, string.Join(",", p.parameter.shape))).ToArray();
        Assert.Equal([("0.weight", "8,4"), ("0.bias", "8"), ("2.weight", "2,8"), ("2.bias", "2")], named);
        Assert.Equal(3, seq.Count);
        Assert.IsType<ReLU>(seq[1]);

        using var net = new Net();
        Assert.Equal(["mlp.0.weight", "mlp.0.bias", "mlp.2.weight", "mlp.2.bias", "head.weight", "head.bias"], net.named_parameters().Select(p => p.name).ToArray());
        Assert.Equal(["mlp.0.weight", "mlp.0.bias", "mlp.2.weight", "mlp.2.bias", "head.weight", "head.bias"], net.state_dict().Keys.ToArray());

        using var scope = torch.NewDisposeScope();
        var y = net.forward(torch.randn([5, 4]));
        Assert.Equal([5L, 2], y.shape);
    }

    [Fact]
    public void Conv2d_has_pytorch_names_shapes_and_default_init_bounds()
    {
        using var conv = new Conv2d(4, 8, (3, 5), groups: 2, generator: new Generator(1));
        Assert.Equal(["weight", "bias"], conv.named_parameters().Select(p => p.name).ToArray());
        Assert.Equal([8L, 2, 3, 5], conv.weight.shape);
        Assert.Equal([8L], conv.bias!.shape);
        double bound = 1 / Math.Sqrt(2 * 3 * 5);
        var w = conv.weight.data<float>();
        var b = conv.bias.data<float>();
        Assert.All(w, v => Assert.InRange(v, -bound, bound));
        Assert.All(b, v => Assert.InRange(v, -bound, bound));
        Assert.True(w.Max() > 0.7 * bound && w.Min() < -0.7 * bound, "weights should spread over the bound");

        using var noBias = new Conv2d(3, 6, 3, hasBias: false);
        Assert.Equal(["weight"], noBias.named_parameters().Select(p => p.name).ToArray());
        Assert.Throws<ArgumentException>(() => new Conv2d(3, 6, 3, groups: 2));
    }

    [Fact]
    public void Conv2d_matches_naive_loop()
    {
        using var scope = torch.NewDisposeScope();
        const int N = 2, C = 4, H = 6, W = 5, O = 6, G = 2, KH = 3, KW = 2, SH = 2, SW = 1, PH = 1, PW = 1, DH = 1, DW = 2;
        using var conv = new Conv2d(C, O, (KH, KW), (SH, SW), (PH, PW), (DH, DW), groups: G, dtype: ScalarType.Float64, generator: new Generator(7));
        var x = torch.randn([N, C, H, W], new Generator(3), ScalarType.Float64);
        var y = conv.forward(x);
        int OH = (H + 2 * PH - DH * (KH - 1) - 1) / SH + 1, OW = (W + 2 * PW - DW * (KW - 1) - 1) / SW + 1;
        Assert.Equal([N, O, (long)OH, OW], y.shape);

        var xs = x.data<double>();
        var ws = conv.weight.data<double>();
        var bs = conv.bias!.data<double>();
        var ys = y.data<double>();
        int cpg = C / G, opg = O / G;
        for (int n = 0; n < N; n++)
            for (int o = 0; o < O; o++)
                for (int oy = 0; oy < OH; oy++)
                    for (int ox = 0; ox < OW; ox++)
                    {
                        double acc = bs[o];
                        int g = o / opg;
                        for (int ci = 0; ci < cpg; ci++)
                            for (int ky = 0; ky < KH; ky++)
                                for (int kx = 0; kx < KW; kx++)
                                {
                                    int iy = oy * SH - PH + ky * DH, ix = ox * SW - PW + kx * DW;
                                    if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
                                    int c = g * cpg + ci;
                                    acc += ws[((o * cpg + ci) * KH + ky) * KW + kx] * xs[((n * C + c) * H + iy) * W + ix];
                                }
                        Assert.Equal(acc, ys[((n * O + o) * OH + oy) * OW + ox], 1e-12);
                    }
    }

    [Theory]
    [InlineData(2, 2, 0, 1)]
    [InlineData(3, 2, 1, 1)]
    [InlineData(2, 1, 0, 2)]
    public void MaxPool2d_matches_naive_loop(int k, int s, int p, int d)
    {
        using var scope = torch.NewDisposeScope();
        const int N = 1, C = 2, H = 5, W = 6;
        var x = torch.randn([N, C, H, W], new Generator(11), ScalarType.Float64);
        using var pool = new MaxPool2d(k, s, p, d);
        Assert.Empty(pool.parameters());
        var y = pool.forward(x);
        int OH = (H + 2 * p - d * (k - 1) - 1) / s + 1, OW = (W + 2 * p - d * (k - 1) - 1) / s + 1;
        Assert.Equal([N, C, (long)OH, OW], y.shape);
        var xs = x.data<double>();
        var ys = y.data<double>();
        for (int c = 0; c < C; c++)
            for (int oy = 0; oy < OH; oy++)
                for (int ox = 0; ox < OW; ox++)
                {
                    double m = double.NegativeInfinity;
                    for (int ky = 0; ky < k; ky++)
                        for (int kx = 0; kx < k; kx++)
                        {
                            int iy = oy * s - p + ky * d, ix = ox * s - p + kx * d;
                            if (iy >= 0 && iy < H && ix >= 0 && ix < W) m = Math.Max(m, xs[(c * H + iy) * W + ix]);
                        }
                    Assert.Equal(m, ys[(c * OH + oy) * OW + ox]);
                }
    }

    [Fact]
    public void MaxPool2d_stride_defaults_to_kernel()
    {
        using var scope = torch.NewDisposeScope();
        using var pool = new MaxPool2d(2);
        Assert.Equal([2L, 2], pool.stride);
        Assert.Equal([3L, 4, 2, 3], pool.forward(torch.zeros(3, 4, 5, 7)).shape);
    }

    [Fact]
    public void Embedding_looks_up_rows_and_zeroes_padding_idx()
    {
        using var scope = torch.NewDisposeScope();
        using var emb = new Embedding(10, 3, paddingIdx: -1, dtype: ScalarType.Float64, generator: new Generator(5));
        Assert.Equal(9L, emb.padding_idx);
        Assert.Equal(["weight"], emb.named_parameters().Select(p => p.name).ToArray());
        var w = emb.weight.data<double>();
        Assert.Equal([0.0, 0, 0], w[27..30]);

        var idx = torch.tensor(new long[] { 1, 9, 4, 1, 0, 9 }, 2, 3);
        var y = emb.forward(idx);
        Assert.Equal([2L, 3, 3], y.shape);
        var ys = y.data<double>();
        long[] flat = [1, 9, 4, 1, 0, 9];
        for (int i = 0; i < flat.Length; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(w[flat[i] * 3 + j], ys[i * 3 + j]);

        y.sum().backward();
        var g = emb.weight.grad!.data<double>();
        Assert.Equal([2.0, 2, 2], g[3..6]);
        Assert.Equal([0.0, 0, 0], g[27..30]);
        Assert.Equal([1.0, 1, 1], g[0..3]);
    }

    [Fact]
    public void Embedding_init_is_standard_normal()
    {
        using var emb = new Embedding(2000, 16, generator: new Generator(9));
        var w = emb.weight.data<float>();
        double mean = w.Average(v => (double)v);
        double std = Math.Sqrt(w.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(std, 0.97, 1.03);
    }

    [Fact]
    public void LSTMCell_matches_hand_written_step()
    {
        using var scope = torch.NewDisposeScope();
        const int B = 2, I = 3, Hd = 4;
        using var cell = new LSTMCell(I, Hd, dtype: ScalarType.Float64, generator: new Generator(21));
        Assert.Equal(["weight_ih", "weight_hh", "bias_ih", "bias_hh"], cell.named_parameters().Select(p => p.name).ToArray());
        double k = 1 / Math.Sqrt(Hd);
        Assert.All(cell.weight_ih.data<double>(), v => Assert.InRange(v, -k, k));

        var x = torch.randn([B, I], new Generator(1), ScalarType.Float64);
        var h = torch.randn([B, Hd], new Generator(2), ScalarType.Float64);
        var c = torch.randn([B, Hd], new Generator(3), ScalarType.Float64);
        var (h2, c2) = cell.forward(x, h, c);

        double[] xs = x.data<double>(), hs = h.data<double>(), cs = c.data<double>();
        double[] wih = cell.weight_ih.data<double>(), whh = cell.weight_hh.data<double>(), bih = cell.bias_ih!.data<double>(), bhh = cell.bias_hh!.data<double>();
        double[] h2s = h2.data<double>(), c2s = c2.data<double>();
        static double Sig(double v) => 1 / (1 + Math.Exp(-v));
        for (int b = 0; b < B; b++)
        {
            var gates = new double[4 * Hd];
            for (int r = 0; r < 4 * Hd; r++)
            {
                double acc = bih[r] + bhh[r];
                for (int j = 0; j < I; j++) acc += wih[r * I + j] * xs[b * I + j];
                for (int j = 0; j < Hd; j++) acc += whh[r * Hd + j] * hs[b * Hd + j];
                gates[r] = acc;
            }
            for (int j = 0; j < Hd; j++)
            {
                double ig = Sig(gates[j]), fg = Sig(gates[Hd + j]), gg = Math.Tanh(gates[2 * Hd + j]), og = Sig(gates[3 * Hd + j]);
                double cn = fg * cs[b * Hd + j] + ig * gg;
                Assert.Equal(cn, c2s[b * Hd + j], 1e-12);
                Assert.Equal(og * Math.Tanh(cn), h2s[b * Hd + j], 1e-12);
            }
        }
    }

    [Fact]
    public void Activations_compute_elementwise()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { -2, -0.5, 0, 1.5 });
        Assert.Equal([0.0, 0, 0, 1.5], new ReLU().forward(x).data<double>());
        var t = new Tanh().forward(x).data<double>();
        Assert.Equal(new[] { -2, -0.5, 0, 1.5 }.Select(Math.Tanh).ToArray(), t);
    }

    [Fact]
    public void Dropout_respects_training_flag()
    {
        using var scope = torch.NewDisposeScope();
        using var seq = new Sequential(new Dropout(0.5));
        var x = torch.ones(4000);
        var y = seq.forward(x).data<float>();
        Assert.All(y, v => Assert.True(v == 0 || v == 2, $"dropout output {v} should be 0 or 1/(1-p)"));
        double zeros = y.Count(v => v == 0) / (double)y.Length;
        Assert.InRange(zeros, 0.45, 0.55);

        seq.eval();
        Assert.False(seq[0].training);
        Assert.All(seq.forward(x).data<float>(), v => Assert.Equal(1f, v));
        seq.train();
        Assert.True(seq[0].training);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(1.5));
    }

    [Fact]
    public void To_float64_keeps_references_valid()
    {
        using var net = new Net();
        var weight = net.mlp[0] is Linear l ? l.weight : throw new InvalidOperationException();
        var before = net.parameters().ToList();
        net.to(ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, weight.dtype);
        Assert.True(weight.requires_grad);
        Assert.Equal(before, net.parameters().ToList());
        Assert.All(net.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        using var scope = torch.NewDisposeScope();
        var y = net.forward(torch.randn([3, 4], dtype: ScalarType.Float64));
        Assert.Equal(ScalarType.Float64, y.dtype);
        y.sum().backward();
        Assert.NotNull(weight.grad);
    }

    [Fact]
    public void Load_state_dict_shape_mismatch_names_entry_and_shapes()
    {
        using var a = new Sequential(new Linear(3, 2));
        using var b = new Sequential(new Linear(4, 2));
        var e = Assert.Throws<InvalidDataException>(() => b.load_state_dict(a.state_dict()));
        Assert.Contains("'0.weight'", e.Message);
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[2, 4]", e.Message);
    }

    [Fact]
    public void Forward_passes_in_a_scope_leak_nothing()
    {
        using var conv = new Sequential(new Conv2d(2, 4, 3, padding: 1), new ReLU(), new MaxPool2d(2), new Dropout(0.2));
        using var emb = new Embedding(5, 3, paddingIdx: 0);
        long before = Live();
        for (int i = 0; i < 5; i++)
        {
            using var scope = torch.NewDisposeScope();
            var y = conv.forward(torch.randn([2, 2, 8, 8]));
            var e = emb.forward(torch.tensor(new long[] { 0, 3, 4 }));
            (y.sum() + e.sum()).backward();
        }
        conv.zero_grad();
        emb.zero_grad();
        Assert.Equal(before, Live());
    }
}
