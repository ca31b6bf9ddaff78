using SamRl.Torch;
using SamRl.Torch.NN;
using SamRl.Torch.Serialization;

namespace SamRl.Memory;

/// <summary>
/// The SAM-based Two-Memory model (STM) of Le, Tran &amp; Venkatesh (ICML 2020), one time step per
/// <see cref="Step"/>, as the authors' code computes it (<c>baselines/sam/stm_basic.py</c>; with
/// <see cref="StmOptions.RlReference"/>, <c>stm_rl.py</c>). State: <c>h</c> (B, a) = o_t (never read),
/// <c>Mi</c> (B, d, d) item memory, <c>Mr</c> (B, N, d, d) relational memory. Output: y (B, O).
/// <para>
/// Where the code and the paper disagree, this follows the code (reference §1.4):
/// 1. the item write uses X = f1(x) ⊗ f1(x), not f1 ⊗ f2 (Eq. 9);
/// 2. the gated write adds tanh(X), not X (Eq. 10);
/// 3. the gates are RMC-style: Linear on each row of tanh(Mi_{t-1}) plus Linear on f1(x), with scalar
///    biases input_bias (0) and forget_bias (1); gates are d×d;
/// 4. α1 decays the old relational memory: Mr_t = α1·Mr_{t-1} + SAM (Eq. 12 says Mr_{t-1} + α1·SAM);
/// 5. SAM projects the memory along its last axis with a bias (QKV = S·W_qkvᵀ + b, d×3N), and the
///    LayerNorm is over the whole d×3N matrix (per row in the RL variant);
/// 6. the transfer (Eq. 13) uses this step's SAM output R0, not the accumulated Mr, and its result is
///    transposed: R2[f, o] = Σ_{n,e} W2[o, n·d+e]·R0[n, e, f] + b2[o];
/// 7. the output has an extra head: y = out(ReLU(L2(ReLU(L1(o_t))))).
/// </para>
/// <para>
/// Parameter names are the reference module's, so the authors' state dict (exported to safetensors) loads
/// with <see cref="LoadStateDict(string)"/>. The gate projectors and biases exist even with gates off, and f2,
/// f3, α1, α2 and <c>rel_memory_state_bias</c> even when the relational memory is not carried, exactly as in the
/// reference (the Nth-farthest count 2,012,813 is with rd=False and includes the unused gate parameters).
/// </para>
/// </summary>
public sealed class StmCell : RecurrentCore
{
    private readonly long _in, _out, _d, _n, _nr, _a;
    private readonly InputProjector _f1, _f2, _f3;
    private readonly Linear _inputGate, _memoryGate;
    private readonly Tensor _inputBias, _forgetBias;
    private readonly Linear _qkv;
    private readonly LayerNorm _qkvNorm;
    private readonly Linear _rel, _rel2, _rel3;
    private readonly Linear _mlp0, _mlp2, _outLayer;
    private readonly LayerNorm? _outNorm;
    private readonly Tensor? _alpha1, _alpha2, _alpha3;
    private readonly Tensor? _mi0, _mr0;

    public StmOptions Options { get; }
    public override long InputSize => _in;
    public override long OutputSize => _out;

    public StmCell(long inputSize, long outputSize, StmOptions? options = null, ScalarType? dtype = null, Device? device = null, Generator? generator = null)
    {
        Options = options ?? StmOptions.Reference;
        Options.Validate();
        if (inputSize <= 0 || outputSize <= 0) throw new ArgumentException($"StmCell({inputSize}, {outputSize}): sizes must be positive");
        _in = inputSize;
        _out = outputSize;
        _d = Options.SlotSize;
        _n = Options.NumSlots;
        _nr = Options.RelSize;
        _a = Options.OutAttSize;
        long d = _d, n = _n, hid = Options.InputMlpHidden;

        Linear Lin(long i, long o) => new(i, o, true, dtype, device, generator);

        _f1 = RegisterModule("input_projector", new InputProjector(inputSize, d, hid, dtype, device, generator));
        _f2 = RegisterModule("input_projector2", new InputProjector(inputSize, d, hid, dtype, device, generator));
        _f3 = RegisterModule("input_projector3", new InputProjector(inputSize, n, hid, dtype, device, generator));
        _inputGate = RegisterModule("input_gate_projector", Lin(d, 2 * d));
        _memoryGate = RegisterModule("memory_gate_projector", Lin(d, 2 * d));
        _inputBias = RegisterParameter("input_bias", torch.zeros([], dtype, device));
        _forgetBias = RegisterParameter("forget_bias", torch.ones([], dtype, device));

        // `[Linear]*step` / `[LayerNorm]*step` in the reference: one module shared by every SAM step, named ".0".
        _qkv = Lin(d, 3 * n);
        RegisterModule("qkv_projector", new Sequential(_qkv));
        _qkvNorm = Options.QkvNorm == QkvNorm.WholeMatrix
            ? new LayerNorm([d, 3 * n], 1e-5, true, dtype, device)
            : new LayerNorm([3 * n], 1e-5, true, dtype, device);
        RegisterModule("qkv_layernorm", new Sequential(_qkvNorm));

        _rel2 = RegisterModule("rel_projector2", Lin(n * d, d));
        _rel = RegisterModule("rel_projector", Lin(d * d, _nr));
        _rel3 = RegisterModule("rel_projector3", Lin(n * _nr, _a));
        _mlp0 = Lin(_a, Options.MlpSize);
        _mlp2 = Lin(Options.MlpSize, Options.MlpSize);
        RegisterModule("mlp", new Sequential(_mlp0, new ReLU(), _mlp2, new ReLU()));
        _outLayer = RegisterModule("out", Lin(Options.MlpSize, outputSize));
        if (Options.OutputNorm) _outNorm = RegisterModule("layernorm2", new LayerNorm([_a], 1e-5, true, dtype, device));

        if (Options.Alpha1 is null) _alpha1 = RegisterParameter("alpha10", torch.zeros([1], dtype, device));
        if (Options.Alpha2 is null) _alpha2 = RegisterParameter("alpha20", torch.zeros([1], dtype, device));
        if (Options.Alpha3 is null) _alpha3 = RegisterParameter("alpha30", torch.zeros([1], dtype, device));

        if (Options.LearnInitialMemories)
        {
            _mi0 = RegisterParameter("item_memory_state_bias", torch.empty([d, d], dtype, device));
            _mr0 = RegisterParameter("rel_memory_state_bias", torch.empty([n, d, d], dtype, device));
            double ki = 1 / Math.Sqrt(2.0 * d), kr = 1 / Math.Sqrt(2.0 * d + n);
            init.uniform_(_mi0, -ki, ki, generator);
            init.uniform_(_mr0, -kr, kr, generator);
        }
    }

    /// <summary>(B, a) zeros, learned Mi and Mr broadcast over the batch (views: gradients flow into the biases).</summary>
    public override RecurrentState InitialState(long batch)
    {
        if (batch <= 0) throw new ArgumentException($"batch must be positive, got {batch}");
        using var scope = torch.NewDisposeScope();
        var p = _rel.weight;
        var h = torch.zeros([batch, _a], p.dtype, p.device);
        var mi = _mi0 is null ? torch.zeros([batch, _d, _d], p.dtype, p.device) : _mi0.unsqueeze(0).expand(batch, _d, _d);
        var mr = _mr0 is null ? torch.zeros([batch, _n, _d, _d], p.dtype, p.device) : _mr0.unsqueeze(0).expand(batch, _n, _d, _d);
        scope.MoveToOuter(h, mi, mr);
        return new RecurrentState(("h", h), ("Mi", mi), ("Mr", mr));
    }

    /// <summary>One time step (reference §1.3, code order). x: (B, I). Returns y (B, O) and (h, Mi, Mr).</summary>
    public override (Tensor output, RecurrentState state) Step(Tensor x, RecurrentState state)
    {
        var (y, o, mi, mr) = Compute(x, state["Mi"], IncomingMr(state), output: true);
        return (y!, new RecurrentState(("h", o!), ("Mi", mi), ("Mr", mr)));
    }

    /// <summary>
    /// A step without the output path (G2 = rel_projector, G3, the MLP head): Mi and Mr exactly as <see cref="Step"/>
    /// computes them. <c>h</c> is carried over unchanged: the reference never reads it (§1.2).
    /// </summary>
    public override RecurrentState Advance(Tensor x, RecurrentState state)
    {
        var (_, _, mi, mr) = Compute(x, state["Mi"], IncomingMr(state), output: false);
        // A state without h (an RL agent keeps only Mi) stays without it.
        return state.TryGet("h") is { } h ? new RecurrentState(("h", h), ("Mi", mi), ("Mr", mr)) : new RecurrentState(("Mi", mi), ("Mr", mr));
    }

    // Without a carried relational memory the incoming Mr is never read, so a state may leave it out: an RL agent then
    // keeps only Mi between steps (the reference's A3C passes Mr=None) instead of an unused (B, N, d, d) tensor.
    private Tensor? IncomingMr(RecurrentState state) =>
        Options.CarryRelationalMemory ? state["Mr"] : state.TryGet("Mr");

    private (Tensor? y, Tensor? o, Tensor mi, Tensor mr) Compute(Tensor x, Tensor mi, Tensor? mr, bool output)
    {
        var xs = x.shape;
        if (xs.Length != 2 || xs[1] != _in) throw new ArgumentException($"StmCell.Step: x must be (B, {_in}), got {x.ShapeString()}");
        long b = xs[0], d = _d, n = _n;
        if (!mi.shape.SequenceEqual(new[] { b, d, d })) throw new ArgumentException($"StmCell.Step: Mi must be ({b}, {d}, {d}), got {mi.ShapeString()}");
        if (Options.CarryRelationalMemory && !mr!.shape.SequenceEqual(new[] { b, n, d, d })) throw new ArgumentException($"StmCell.Step: Mr must be ({b}, {n}, {d}, {d}), got {mr.ShapeString()}");

        using var scope = torch.NewDisposeScope();
        bool carry = Options.CarryRelationalMemory;
        var c1 = _f1.forward(x); // (B, d)

        // ---- Mi write (Eq. 10; differences 1-3). The gates read the OLD Mi and f1(x).
        Tensor r;
        if (Options.Gates)
        {
            // G = tanh(Mi)·W_mgᵀ + b_mg + (W_ig·f1(x) + b_ig) + gate bias, (B, d, 2d); R = I⊙tanh(f1⊗f1) + F⊙Mi.
            // One native op (StmOps.ItemWrite): as plain ops this was ~25 autograd nodes and the step's largest cost
            // after the GEMMs. Every per-row term is folded into `pre` here (small: B×2d).
            var gateBias = torch.cat([_inputBias.expand(d), _forgetBias.expand(d)]);           // (2d)
            var pre = F.linear(c1, _inputGate.weight, _inputGate.bias).add(_memoryGate.bias!).add(gateBias);
            r = StmOps.ItemWrite(mi, c1, _memoryGate.weight, pre);
        }
        else
        {
            r = c1.unsqueeze(2).mul(c1.unsqueeze(1));                                // Mi + f1⊗f1: no gates, no tanh
            r.add_(mi);
        }

        // ---- Mr read (Eq. 11) from the OLD Mr: v_r[f] = Σ_n Σ_k softmax(f3)[n]·f2[k]·Mr[n,k,f]; X2 = v_r ⊗ f2.
        Tensor? vrScaled = null, c2 = null;
        bool read = carry && Options.Alpha2 is not 0.0;
        if (read)
        {
            c2 = _f2.forward(x);
            var w = _f3.forward(x).softmax(1);                                       // (B, N)
            var wc = w.unsqueeze(2).mul(c2.unsqueeze(1));                            // (B, N, d)
            var vr = StmOps.Read(mr!, wc).view(b, d);                                 // fused: see StmOps.Read
            vrScaled = _alpha2 is not null ? vr.mul(_alpha2) : vr.mul(Options.Alpha2!.Value);
        }

        // ---- SAM steps (Eq. 4-8, 12, 13; differences 4-6). q/k/v modules and α's are shared across steps.
        Tensor? rel = null;
        for (int step = 0; step < Options.Steps; step++)
        {
            var s = vrScaled is null ? r : r.add(vrScaled.unsqueeze(2).mul(c2!.unsqueeze(1))); // R + α2·(v_r ⊗ f2)
            var qkv = _qkv.forward(s);                                     // (B, d, 3N)
            qkv = _qkvNorm.forward(qkv);
            var rows = qkv.transpose(1, 2).contiguous();                                       // (B, 3N, d)
            var q = rows.narrow(1, 0, n);
            var k = rows.narrow(1, n, n);
            var v = rows.narrow(1, 2 * n, n);
            var scores = OuterProductAttention.Scores(q, k);                                   // (B, N_k, N_q, d)

            // Transfer (Eq. 13 as coded): R2[f,o] = Σ_{n,e} W2[o, n·d+e]·R0[n,e,f] + b2[o]. Since R0 = Σ_j T_j ⊗ v_j,
            // G1 applied to R0 equals Σ_j v_j[f]·(W2·T_j)[o]: project the small scores (B, N, N·d) instead of
            // R0 (B, N·d, d), which saves 2/3 of the step's arithmetic. Same value, same gradients.
            if (Options.Alpha3 is not 0.0)
            {
                var u = F.linear(scores.view(b, n, n * d), _rel2.weight);                     // (B, N_k, d_o)
                Tensor biasTerm;
                if (_alpha3 is not null)
                {
                    u = u.mul(_alpha3);
                    biasTerm = _rel2.bias!.mul(_alpha3);
                }
                else
                {
                    double a3 = Options.Alpha3!.Value;
                    if (a3 != 1) u = u.mul(a3);
                    biasTerm = a3 == 1 ? _rel2.bias! : _rel2.bias!.mul(a3);
                }
                var r2 = v.transpose(1, 2).bmm(u);                                             // (B, d_f, d_o)
                r2.add_(biasTerm);
                r = r2.add_(r);                                                                // R + α3·R2
            }

            // Relational write: Mr = α1·Mr + R0 (decay of the old memory, difference 4), and on the last SAM step the
            // first output map rel = G2(Mr) (Eq. 14), fused (StmOps.Write): R0 = Σ_j T_j ⊗ v_j never exists on its own.
            bool last = output && step == Options.Steps - 1;
            var (written, relFlat) = StmOps.Write(carry ? mr : null, scores, v, _alpha1, Options.Alpha1 ?? 0,
                last ? _rel.weight : null, last ? _rel.bias : null);
            mr = written.view(b, n, d, d);
            if (relFlat is not null) rel = relFlat.view(b, n * _nr);
        }

        // Options.Steps >= 1, so the loop wrote Mr.
        var newMr = mr!;
        if (!output)
        {
            scope.MoveToOuter(r, newMr);
            return (null, null, r, newMr);
        }

        rel ??= _rel.forward(newMr.reshape(b, n, d * d)).reshape(b, n * _nr);
        var (y, o) = Head(rel);
        scope.MoveToOuter(y, o, r, newMr);
        return (y, o, r, newMr);
    }

    /// <summary>
    /// The output of a step from the relational memory it wrote (state["Mr"] after <see cref="Advance"/>, (M, N, d, d)
    /// for any M rows): y (M, O), what <see cref="Step"/> returns. The output never feeds the recurrence, so a caller
    /// that has every step's memory (an RL update over a rollout) can Advance through the steps and run this once
    /// over all of them: one GEMM per layer, and one weight-gradient GEMM, instead of one per step.
    /// </summary>
    public Tensor Output(Tensor mr)
    {
        var s = mr.shape;
        if (s.Length != 4 || s[1] != _n || s[2] != _d || s[3] != _d) throw new ArgumentException($"StmCell.Output: Mr must be (M, {_n}, {_d}, {_d}), got {mr.ShapeString()}");
        using var scope = torch.NewDisposeScope();
        var rel = _rel.forward(mr.reshape(s[0], _n, _d * _d)).reshape(s[0], _n * _nr);
        var (y, _) = Head(rel);
        return scope.MoveToOuter(y);
    }

    // ---- Output (Eq. 14 + head): o = G3(V_l(G2(V_l(Mr)))), y = out(ReLU(L2(ReLU(L1(o))))); rel = G2 per slot, flattened.
    private (Tensor y, Tensor o) Head(Tensor rel)
    {
        var o = _rel3.forward(rel);
        if (_outNorm is not null) o = _outNorm.forward(o);
        var hidden = _mlp0.forward(o).relu_();
        hidden = _mlp2.forward(hidden).relu_();
        return (_outLayer.forward(hidden), o);
    }

    /// <summary>
    /// Runs a whole sequence from <see cref="InitialState"/>: xs (B, T, I) → outputs (B, T, O) and the final state.
    /// </summary>
    public (Tensor outputs, RecurrentState state) Forward(Tensor xs)
    {
        var s = xs.shape;
        if (s.Length != 3) throw new ArgumentException($"StmCell.Forward: xs must be (B, T, I), got {xs.ShapeString()}");
        using var scope = torch.NewDisposeScope();
        var state = InitialState(s[0]);
        var ys = new List<Tensor>();
        for (long t = 0; t < s[1]; t++)
        {
            var (y, next) = Step(xs.select(1, t), state);
            ys.Add(y);
            state = next;
        }
        var outputs = torch.stack(ys, 1);
        scope.MoveToOuter(outputs);
        state.MoveToOuter(scope);
        return (outputs, state);
    }

    /// <summary>
    /// Loads parameters from a safetensors file written from the authors' PyTorch STM (or by <see cref="SaveStateDict"/>).
    /// Names must match exactly; missing, unexpected or mis-shaped entries raise <see cref="InvalidDataException"/>.
    /// </summary>
    public void LoadStateDict(string path)
    {
        Dictionary<string, Tensor> loaded;
        try
        {
            loaded = SafeTensors.Load(path);
        }
        catch (Exception e) when (e is not InvalidDataException and not FileNotFoundException)
        {
            throw new InvalidDataException($"cannot read STM state dict '{path}': {e.Message}", e);
        }
        try
        {
            LoadStateDict(loaded, path);
        }
        finally
        {
            foreach (var t in loaded.Values) t.Dispose();
        }
    }

    /// <summary>
    /// Copies a state dict by name (dtype converted). Two leniencies, both for the authors' exports: 1-element
    /// tensors load into 1-element parameters whatever their rank (PyTorch scalars may be saved as () or (1,)), and
    /// with Steps &gt; 1 the repeated shared entries <c>qkv_projector.k.*</c> / <c>qkv_layernorm.k.*</c> (k ≥ 1) of
    /// the reference's <c>[x]*step</c> lists (copies of entry 0) are accepted and ignored.
    /// </summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, string? source = null)
    {
        var own = state_dict();
        string where = source is null ? "" : $" ('{source}')";
        var missing = own.Keys.Where(k => !state.ContainsKey(k)).ToList();
        var unexpected = state.Keys.Where(k => !own.ContainsKey(k) && !IsSharedAlias(k)).ToList();
        var badShape = new List<string>();
        foreach (var (name, target) in own)
        {
            if (!state.TryGetValue(name, out var src)) continue;
            var ts = target.shape;
            var ss = src.shape;
            bool ok = ts.SequenceEqual(ss) || (target.numel() == 1 && src.numel() == 1);
            if (!ok) badShape.Add($"{name}: file [{string.Join(", ", ss)}], expected [{string.Join(", ", ts)}]");
        }
        if (missing.Count > 0 || unexpected.Count > 0 || badShape.Count > 0)
        {
            var parts = new List<string>();
            if (missing.Count > 0) parts.Add($"missing [{string.Join(", ", missing)}]");
            if (unexpected.Count > 0) parts.Add($"unexpected [{string.Join(", ", unexpected)}]");
            if (badShape.Count > 0) parts.Add($"shape mismatch [{string.Join("; ", badShape)}]");
            throw new InvalidDataException($"STM state dict{where} does not match this StmCell (input {_in}, output {_out}, {Describe()}): {string.Join(", ", parts)}");
        }
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        foreach (var (name, target) in own)
        {
            var src = state[name];
            if (!src.shape.SequenceEqual(target.shape)) src = src.reshape(target.shape);
            target.copy_(src);
        }
    }

    /// <summary>Writes the parameters as safetensors with the reference names.</summary>
    public void SaveStateDict(string path) => SafeTensors.Save(path, state_dict());

    private bool IsSharedAlias(string key)
    {
        if (Options.Steps <= 1) return false;
        foreach (var prefix in new[] { "qkv_projector.", "qkv_layernorm." })
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var rest = key[prefix.Length..];
            int dot = rest.IndexOf('.');
            if (dot > 0 && int.TryParse(rest[..dot], out int k) && k >= 1 && k < Options.Steps) return true;
        }
        return false;
    }

    private string Describe() =>
        $"d={_d}, N={_n}, n_r={_nr}, a={_a}, mlp={Options.MlpSize}, gates={(Options.Gates ? "on" : "off")}, qkv norm {Options.QkvNorm}, " +
        $"alphas [{A(Options.Alpha1)}, {A(Options.Alpha2)}, {A(Options.Alpha3)}], output norm {(Options.OutputNorm ? "on" : "off")}";

    private static string A(double? v) => v is null ? "learn" : v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
