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
}
