using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Tasks.Babi;

/// <summary>
/// The authors' bAbI read-out (qamodel.py InferenceModule, from TPR-RNN) on the STM's final relational memory.
/// Mr (B, N, d, d) read as the tensor T[b, e, r, f] = Mr[b, r, e, f] (the reference's permute(0, 2, 1, 3)).
/// From the query encoding q: e1 = MLP_e(q) (d), r_k = MLP_r,k(q) (N) for k = 1..3, then three chained unbindings
/// i1 = LN1(Σ e1[e]·r1[r]·T[e, r, :]), i2 = LN2(Σ i1[e]·r2[r]·T), i3 = LN3(Σ i2[e]·r3[r]·T), each LayerNorm over d
/// with eps 1e-12 and a learned gain and bias; logits = (i1 + i2 + i3)·Z with Z (d, vocabulary) a fixed Xavier-uniform
/// matrix (the reference multiplies by <c>Z.data</c>, so Z never trains; here it is a buffer, saved but not a parameter).
/// </summary>
/// <remarks>
/// The reference also builds a second entity MLP (e2) and a second Z on the outer model that the forward never uses;
/// they are left out, which changes the parameter count, not the function.
/// </remarks>
public sealed class BabiReadout : Module
{
    public const double NormEps = 1e-12;

    private readonly TanhMlp _e1;
    private readonly TanhMlp[] _r;
    private readonly LayerNorm[] _norms;
    private readonly Tensor _z;
    private readonly long _slots, _slotSize;

    public BabiReadout(long queryWidth, long hidden, long slots, long slotSize, long vocabulary, Generator? generator = null)
    {
        _slots = slots;
        _slotSize = slotSize;
        var e = new TanhMlp(queryWidth, hidden, slotSize, generator);
        RegisterModule("e", new Sequential(e));
        _e1 = e;
        _r = [new TanhMlp(queryWidth, hidden, slots, generator), new TanhMlp(queryWidth, hidden, slots, generator), new TanhMlp(queryWidth, hidden, slots, generator)];
        RegisterModule("r", new Sequential(_r));
        _norms = [new LayerNorm([slotSize], NormEps), new LayerNorm([slotSize], NormEps), new LayerNorm([slotSize], NormEps)];
        for (var k = 0; k < 3; k++) RegisterModule($"l{k + 1}", _norms[k]);
        _z = RegisterBuffer("Z", torch.empty([slotSize, vocabulary]));
        init.xavier_uniform_(_z, generator: generator);
    }

    public Tensor Z => _z;

    /// <summary>MLP_e: the first entity from the query.</summary>
    public TanhMlp Entity => _e1;

    /// <summary>MLP_r,1..3: the role of each unbinding.</summary>
    public IReadOnlyList<TanhMlp> Roles => _r;

    /// <summary>query [B, E], mr [B, N, d, d] -> logits [B, vocabulary].</summary>
    public Tensor Forward(Tensor query, Tensor mr)
    {
        var s = mr.shape;
        if (s.Length != 4 || s[1] != _slots || s[2] != _slotSize || s[3] != _slotSize)
            throw new ArgumentException($"BabiReadout: Mr must be (B, {_slots}, {_slotSize}, {_slotSize}), got {mr.ShapeString()}");
        var flat = mr.reshape(s[0], _slots, _slotSize * _slotSize);
        var i = _norms[0].forward(Unbind(_e1.forward(query), _r[0].forward(query), flat));
        var sum = i;
        for (var k = 1; k < 3; k++)
        {
            i = _norms[k].forward(Unbind(i, _r[k].forward(query), flat));
            sum = sum.add(i);
        }

        return sum.matmul(_z);
    }

    /// <summary>Σ_{e,r} x[b,e]·role[b,r]·Mr[b,r,e,f]: first the role over N (one bmm), then the entity over e.</summary>
    private Tensor Unbind(Tensor x, Tensor role, Tensor flatMr)
    {
        var b = flatMr.shape[0];
        var m = role.unsqueeze(1).bmm(flatMr).view(b, _slotSize, _slotSize);
        return x.unsqueeze(1).bmm(m).squeeze(1);
    }
}
