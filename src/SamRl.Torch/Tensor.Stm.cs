using SamRl.Torch.Native;

namespace SamRl.Torch;

/// <summary>
/// Fused relational-memory ops of the STM (SamRl.Memory.StmCell), native custom autograd functions
/// (src/native/samtorch/stm_ops.cpp). Each is equal, value and gradients, to the plain composition given in its
/// summary; they exist because the relational memory (B, N, d, d) is the largest tensor of an STM step and the
/// plain composition passes over it and its gradient many more times.
/// </summary>
public static class StmOps
{
    /// <summary>
    /// vr[b, f] = Σ_k wc[b, k]·Mr[b, k, f] with Mr (B, …, d) viewed as (B, K, d) and wc (B, …) as (B, K): returns (B, 1, d).
    /// Same as <c>wc.view(B, 1, K).bmm(mr.reshape(B, K, d))</c>.
    /// </summary>
    public static Tensor Read(Tensor mr, Tensor wc) => new(LibSamTorch.st_stm_read(mr.Handle, wc.Handle));

    /// <summary>
    /// Relational write and projection. With scores T (B, N_k, N_q, d) and v (B, N_k, d_v):
    /// <c>R0 = T.view(B, N_k, N_q·d).transpose(1, 2).bmm(v)</c>, <c>Mr = a1·mrPrev + R0</c> (a1 = <paramref name="alpha1"/>
    /// when given, a learnable (1,) or () tensor, else <paramref name="alpha1Value"/>; no decay term when mrPrev is null
    /// or a1 is the constant 0), and with <paramref name="weight"/> (n_r, d·d_v) <c>rel = Mr.view(B·N_q, d·d_v)·Wᵀ + bias</c>.
    /// Returns Mr as (B, N_q·d, d_v) and rel as (B·N_q, n_r), or null without a weight.
    /// </summary>
    public static unsafe (Tensor mr, Tensor? rel) Write(Tensor? mrPrev, Tensor scores, Tensor v, Tensor? alpha1, double alpha1Value, Tensor? weight, Tensor? bias)
    {
        var outs = stackalloc IntPtr[2];
        LibSamTorch.Check(LibSamTorch.st_stm_write(mrPrev?.Handle ?? IntPtr.Zero, scores.Handle, v.Handle, alpha1?.Handle ?? IntPtr.Zero, alpha1Value,
            weight?.Handle ?? IntPtr.Zero, bias?.Handle ?? IntPtr.Zero, outs));
        var mr = new Tensor(outs[0]);
        var rel = outs[1] == IntPtr.Zero ? null : new Tensor(outs[1]);
        return (mr, rel);
    }

    /// <summary>
    /// The STM's gated item-memory write (reference §1.3) as one autograd op:
    /// <c>R = I ⊙ tanh(c1 ⊗ c1) + F ⊙ Mi</c> with <c>[I | F] = sigmoid(tanh(Mi)·W_mgᵀ + pre)</c> over (B, d, 2d), where
    /// <paramref name="pre"/> (B, 2d) holds every per-row term: <c>W_ig·c1 + b_ig + b_mg + [input_bias | forget_bias]</c>.
    /// mi (B, d, d), c1 (B, d), wmg (2d, d). Returns R (B, d, d). Uses <see cref="Tanh"/>.
    /// </summary>
    public static Tensor ItemWrite(Tensor mi, Tensor c1, Tensor wmg, Tensor pre) =>
        new(LibSamTorch.st_stm_item_write(mi.Handle, c1.Handle, wmg.Handle, pre.Handle));

    /// <summary>
    /// tanh, computed for float32 CPU tensors as 2·sigmoid(2x) − 1 (absolute error &lt; 2.4e-7, 3-5× faster than
    /// libtorch 1.13's CPU tanh on memory-sized values); other dtypes and devices use the exact tanh. Differentiable.
    /// </summary>
    public static Tensor Tanh(Tensor x) => new(LibSamTorch.st_fast_tanh(x.Handle));
}
