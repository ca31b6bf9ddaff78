namespace SamRl.Memory.Tests;

/// <summary>
/// The STM step of the authors' code (reference §1.3, code order), written out with loops over double arrays
/// for one batch item at a time. Independent of StmCell's tensor formulation (no SAM trick, no fused ops).
/// </summary>
internal sealed class NaiveStm
{
    private readonly Dictionary<string, double[]> _p;
    private readonly StmOptions _o;
    private readonly int _in, _out, _d, _n, _nr, _a, _mlp;

    public NaiveStm(StmCell cell)
    {
        _p = cell.state_dict().ToDictionary(kv => kv.Key, kv => TestUtil.Data(kv.Value));
        _o = cell.Options;
        _in = (int)cell.InputSize;
        _out = (int)cell.OutputSize;
        _d = (int)_o.SlotSize;
        _n = (int)_o.NumSlots;
        _nr = (int)_o.RelSize;
        _a = (int)_o.OutAttSize;
        _mlp = (int)_o.MlpSize;
    }

    public double[] InitialMi() => _o.LearnInitialMemories ? (double[])_p["item_memory_state_bias"].Clone() : new double[_d * _d];
    public double[] InitialMr() => _o.LearnInitialMemories ? (double[])_p["rel_memory_state_bias"].Clone() : new double[_n * _d * _d];

    private double Alpha(double? fixedValue, string name) => fixedValue ?? _p[name][0];

    private double[] Linear(string prefix, double[] x, int inF, int outF)
    {
        var w = _p[prefix + ".weight"];
        var b = _p[prefix + ".bias"];
        Assert.Equal(inF * outF, w.Length);
        var y = new double[outF];
        for (int o = 0; o < outF; o++)
        {
            double s = b[o];
            for (int i = 0; i < inF; i++) s += w[o * inF + i] * x[i];
            y[o] = s;
        }
        return y;
    }

    private double[] Projector(string prefix, double[] x, int outF)
    {
        int h = (int)_o.InputMlpHidden;
        if (h <= 0) return Linear(prefix + ".fc1", x, _in, outF);
        var a = Linear(prefix + ".fc1", x, _in, h);
        a = Linear(prefix + ".fc2h.0", a, h, h);
        return Linear(prefix + ".fc3", a, h, outF);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static void LayerNormInPlace(double[] x, int start, int count, double[] gamma, double[] beta, int affineOffset)
    {
        double mean = 0;
        for (int i = 0; i < count; i++) mean += x[start + i];
        mean /= count;
        double var = 0;
        for (int i = 0; i < count; i++) var += (x[start + i] - mean) * (x[start + i] - mean);
        var /= count;
        double inv = 1 / Math.Sqrt(var + 1e-5);
        for (int i = 0; i < count; i++)
            x[start + i] = (x[start + i] - mean) * inv * gamma[affineOffset + i] + beta[affineOffset + i];
    }

    /// <summary>One step for one batch item. Returns y (O), o_t (a), new Mi (d·d), new Mr (N·d·d).</summary>
    public (double[] y, double[] o, double[] mi, double[] mr) Step(double[] x, double[] mi, double[] mr)
    {
        int d = _d, n = _n;
        var c1 = Projector("input_projector", x, d);
        var c2 = Projector("input_projector2", x, d);
        var c3 = Projector("input_projector3", x, n);

        // item write
        var r = new double[d * d];
        if (_o.Gates)
        {
            var gi = Linear("input_gate_projector", c1, d, 2 * d);
            double ib = _p["input_bias"][0], fb = _p["forget_bias"][0];
            for (int i = 0; i < d; i++)
            {
                var row = new double[d];
                for (int j = 0; j < d; j++) row[j] = Math.Tanh(mi[i * d + j]);
                var gm = Linear("memory_gate_projector", row, d, 2 * d);
                for (int j = 0; j < d; j++)
                {
                    double ig = Sigmoid(gm[j] + gi[j] + ib);
                    double fg = Sigmoid(gm[d + j] + gi[d + j] + fb);
                    r[i * d + j] = ig * Math.Tanh(c1[i] * c1[j]) + fg * mi[i * d + j];
                }
            }
        }
        else
        {
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++) r[i * d + j] = mi[i * d + j] + c1[i] * c1[j];
        }

        // relational read from the old Mr
        bool carry = _o.CarryRelationalMemory;
        var x2 = new double[d * d];
        if (carry)
        {
            double mx = c3.Max();
            var w = c3.Select(z => Math.Exp(z - mx)).ToArray();
            double sw = w.Sum();
            var vr = new double[d];
            for (int f = 0; f < d; f++)
            {
                double s = 0;
                for (int q = 0; q < n; q++)
                    for (int k = 0; k < d; k++) s += w[q] / sw * c2[k] * mr[(q * d + k) * d + f];
                vr[f] = s;
            }
            for (int k = 0; k < d; k++)
                for (int f = 0; f < d; f++) x2[k * d + f] = vr[k] * c2[f];
        }
        double a1 = Alpha(_o.Alpha1, "alpha10"), a2 = Alpha(_o.Alpha2, "alpha20"), a3 = Alpha(_o.Alpha3, "alpha30");

        var newMr = mr;
        for (int step = 0; step < _o.Steps; step++)
        {
            var s = new double[d * d];
            for (int i = 0; i < d * d; i++) s[i] = r[i] + (carry ? a2 * x2[i] : 0);
            // QKV = S·Wᵀ + b, (d, 3N)
            var qkv = new double[d * 3 * n];
            for (int row = 0; row < d; row++)
            {
                var sr = new double[d];
                Array.Copy(s, row * d, sr, 0, d);
                var pr = Linear("qkv_projector.0", sr, d, 3 * n);
                Array.Copy(pr, 0, qkv, row * 3 * n, 3 * n);
            }
            var gamma = _p["qkv_layernorm.0.weight"];
            var beta = _p["qkv_layernorm.0.bias"];
            if (_o.QkvNorm == QkvNorm.WholeMatrix) LayerNormInPlace(qkv, 0, d * 3 * n, gamma, beta, 0);
            else for (int row = 0; row < d; row++) LayerNormInPlace(qkv, row * 3 * n, 3 * n, gamma, beta, 0);
            double Q(int i, int e) => qkv[e * 3 * n + i];
            double K(int j, int e) => qkv[e * 3 * n + n + j];
            double V(int j, int f) => qkv[f * 3 * n + 2 * n + j];
            var r0 = new double[n * d * d];
            for (int i = 0; i < n; i++)
                for (int e = 0; e < d; e++)
                    for (int f = 0; f < d; f++)
                    {
                        double acc = 0;
                        for (int j = 0; j < n; j++) acc += Math.Tanh(Q(i, e) * K(j, e)) * V(j, f);
                        r0[(i * d + e) * d + f] = acc;
                    }
            // transfer: R2[f,o] = Σ_{n,e} W2[o, n·d+e]·R0[n,e,f] + b2[o]
            var w2 = _p["rel_projector2.weight"];
            var b2 = _p["rel_projector2.bias"];
            var rNext = new double[d * d];
            for (int f = 0; f < d; f++)
                for (int o = 0; o < d; o++)
                {
                    double acc = b2[o];
                    for (int q = 0; q < n; q++)
                        for (int e = 0; e < d; e++) acc += w2[o * n * d + q * d + e] * r0[(q * d + e) * d + f];
                    rNext[f * d + o] = r[f * d + o] + a3 * acc;
                }
            r = rNext;
            var m = new double[n * d * d];
            for (int i = 0; i < m.Length; i++) m[i] = carry ? a1 * newMr[i] + r0[i] : r0[i];
            newMr = m;
        }

        // output
        var rel = new double[n * _nr];
        for (int q = 0; q < n; q++)
        {
            var slab = new double[d * d];
            Array.Copy(newMr, q * d * d, slab, 0, d * d);
            Array.Copy(Linear("rel_projector", slab, d * d, _nr), 0, rel, q * _nr, _nr);
        }
        var ot = Linear("rel_projector3", rel, n * _nr, _a);
        if (_o.OutputNorm) LayerNormInPlace(ot, 0, _a, _p["layernorm2.weight"], _p["layernorm2.bias"], 0);
        var h = Linear("mlp.0", ot, _a, _mlp).Select(z => Math.Max(0, z)).ToArray();
        h = Linear("mlp.2", h, _mlp, _mlp).Select(z => Math.Max(0, z)).ToArray();
        var y = Linear("out", h, _mlp, _out);
        return (y, ot, r, newMr);
    }
}
