using SamRl.Torch;

namespace SamRl.Memory;

/// <summary>
/// Outer product attention, the SAM operator of Eq. 2 and 7-8 (F = tanh, no softmax, no scaling):
/// <c>A[b, i] = Σ_j tanh(q[b,i] ⊙ k[b,j]) ⊗ v[b,j]</c> for n_q queries, giving (B, n_q, d_qk, d_v).
/// <para>
/// The authors' <c>op_att</c> materialises a B×n_q×n_kv×d×d tensor. Here the tanh scores
/// T[b,j,i,e] = tanh(q[b,i,e]·k[b,j,e]) are formed once (B×n_kv×n_q×d) and the sum over j is one
/// batched matrix product (T viewed as (B, n_q·d, n_kv)) × v, so the peak memory is
/// O(B·N·N·d + B·N·d·d) and the work is one bmm.
/// </para>
/// </summary>
public static class OuterProductAttention
{
    /// <summary>SAM(q, k, v): q (B, n_q, d), k (B, n_kv, d), v (B, n_kv, d_v) → (B, n_q, d, d_v).</summary>
    public static Tensor Forward(Tensor q, Tensor k, Tensor v)
    {
        using var scope = torch.NewDisposeScope();
        var scores = Scores(q, k);
        return scope.MoveToOuter(Apply(scores, v));
    }

    /// <summary>
    /// The tanh scores in the layout the rest of the operator wants: T[b, j, i, e] = tanh(q[b,i,e]·k[b,j,e]),
    /// shape (B, n_kv, n_q, d), contiguous. Keys first so that T viewed as (B, n_kv, n_q·d) feeds linear maps
    /// over (i, e) without a copy (see <see cref="StmCell"/>'s transfer).
    /// </summary>
    public static Tensor Scores(Tensor q, Tensor k)
    {
        CheckQk(q, k);
        using var scope = torch.NewDisposeScope();
        var t = k.unsqueeze(2).mul(q.unsqueeze(1));
        if (!t.is_contiguous()) t = t.contiguous();
        return scope.MoveToOuter(StmOps.Tanh(t)); // float32 CPU: 2σ(2x)−1, see StmOps.Tanh
    }

    /// <summary>Σ_j T[b,j,i,:] ⊗ v[b,j,:] for scores from <see cref="Scores"/> and v (B, n_kv, d_v) → (B, n_q, d, d_v).</summary>
    public static Tensor Apply(Tensor scores, Tensor v)
    {
        var s = scores.shape;
        var vs = v.shape;
        if (s.Length != 4) throw new ArgumentException($"OuterProductAttention.Apply: scores must be (B, n_kv, n_q, d), got {scores.ShapeString()}");
        if (vs.Length != 3 || vs[0] != s[0] || vs[1] != s[1])
            throw new ArgumentException($"OuterProductAttention.Apply: v must be (B={s[0]}, n_kv={s[1]}, d_v), got {v.ShapeString()}");
        using var scope = torch.NewDisposeScope();
        long b = s[0], nkv = s[1], nq = s[2], d = s[3];
        // (B, n_q·d, n_kv) × (B, n_kv, d_v): the transposed view costs nothing, BLAS reads it transposed.
        var r = scores.view(b, nkv, nq * d).transpose(1, 2).bmm(v).view(b, nq, d, vs[2]);
        return scope.MoveToOuter(r);
    }

    /// <summary>
    /// The straightforward form, as the authors' code computes it: builds the full B×n_q×n_kv×d×d_v tensor and sums
    /// over keys. For tests and comparisons only.
    /// </summary>
    public static Tensor Naive(Tensor q, Tensor k, Tensor v)
    {
        CheckQk(q, k);
        using var scope = torch.NewDisposeScope();
        long b = q.size(0), nq = q.size(1), nkv = k.size(1), d = q.size(2), dv = v.size(2);
        var qk = q.view(b, nq, 1, d, 1).mul(k.view(b, 1, nkv, d, 1)).tanh(); // (B, n_q, n_kv, d, 1)
        var full = qk.mul(v.view(b, 1, nkv, 1, dv));                          // (B, n_q, n_kv, d, d_v)
        return scope.MoveToOuter(full.sum(2));
    }

    private static void CheckQk(Tensor q, Tensor k)
    {
        var qs = q.shape;
        var ks = k.shape;
        if (qs.Length != 3 || ks.Length != 3 || qs[0] != ks[0] || qs[2] != ks[2])
            throw new ArgumentException($"OuterProductAttention: q must be (B, n_q, d) and k (B, n_kv, d), got {q.ShapeString()} and {k.ShapeString()}");
    }
}
