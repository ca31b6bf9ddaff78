using SamRl.Torch.Native;
using static SamRl.Torch.Native.OpCodes;

namespace SamRl.Torch;

public sealed partial class Tensor
{
    private unsafe Tensor R(Reduce op, long[]? dims, bool keepdim)
    {
        if (dims == null) return new(LibSamTorch.st_reduce((int)op, Handle, null, 0, 0));
        fixed (long* p = dims) return new(LibSamTorch.st_reduce((int)op, Handle, p, dims.Length, keepdim ? 1 : 0));
    }

    public Tensor sum() => R(Reduce.Sum, null, false);
    public Tensor sum(long dim, bool keepdim = false) => R(Reduce.Sum, [dim], keepdim);
    public Tensor sum(long[] dims, bool keepdim = false) => R(Reduce.Sum, dims, keepdim);
    public Tensor mean() => R(Reduce.Mean, null, false);
    public Tensor mean(long dim, bool keepdim = false) => R(Reduce.Mean, [dim], keepdim);
    public Tensor mean(long[] dims, bool keepdim = false) => R(Reduce.Mean, dims, keepdim);
    public Tensor amax() => R(Reduce.Amax, null, false);
    public Tensor amax(long dim, bool keepdim = false) => R(Reduce.Amax, [dim], keepdim);
    public Tensor amin() => R(Reduce.Amin, null, false);
    public Tensor amin(long dim, bool keepdim = false) => R(Reduce.Amin, [dim], keepdim);
    /// <summary>Unbiased variance, as torch.var's default.</summary>
    public Tensor var() => R(Reduce.Var, null, false);
    public Tensor var(long dim, bool keepdim = false) => R(Reduce.Var, [dim], keepdim);
    public Tensor std() => R(Reduce.Std, null, false);
    public Tensor std(long dim, bool keepdim = false) => R(Reduce.Std, [dim], keepdim);
    public Tensor logsumexp(long dim, bool keepdim = false) => R(Reduce.LogSumExp, [dim], keepdim);
    public Tensor norm() => R(Reduce.Norm, null, false);
    public Tensor norm(long dim, bool keepdim = false) => R(Reduce.Norm, [dim], keepdim);
    public Tensor prod() => R(Reduce.Prod, null, false);
    public Tensor prod(long dim, bool keepdim = false) => R(Reduce.Prod, [dim], keepdim);
    public Tensor all() => R(Reduce.All, null, false);
    public Tensor any() => R(Reduce.Any, null, false);

    /// <summary>The maximum over all elements.</summary>
    public Tensor max() => amax();
    public Tensor min() => amin();

    /// <summary>Values and indices of the maximum along dim.</summary>
    public unsafe (Tensor values, Tensor indices) max(long dim, bool keepdim = false)
    {
        IntPtr v, i;
        LibSamTorch.Check(LibSamTorch.st_max_dim(0, Handle, dim, keepdim ? 1 : 0, &v, &i));
        return (new Tensor(v), new Tensor(i));
    }

    public unsafe (Tensor values, Tensor indices) min(long dim, bool keepdim = false)
    {
        IntPtr v, i;
        LibSamTorch.Check(LibSamTorch.st_max_dim(1, Handle, dim, keepdim ? 1 : 0, &v, &i));
        return (new Tensor(v), new Tensor(i));
    }

    public Tensor argmax() => new(LibSamTorch.st_argmax(0, Handle, 0, 0, 0));
    public Tensor argmax(long dim, bool keepdim = false) => new(LibSamTorch.st_argmax(0, Handle, dim, 1, keepdim ? 1 : 0));
    public Tensor argmin() => new(LibSamTorch.st_argmax(1, Handle, 0, 0, 0));
    public Tensor argmin(long dim, bool keepdim = false) => new(LibSamTorch.st_argmax(1, Handle, dim, 1, keepdim ? 1 : 0));
    public Tensor cumsum(long dim) => new(LibSamTorch.st_cumsum(Handle, dim));

    public unsafe (Tensor values, Tensor indices) topk(long k, long dim = -1, bool largest = true)
    {
        IntPtr v, i;
        LibSamTorch.Check(LibSamTorch.st_topk(Handle, k, dim, largest ? 1 : 0, &v, &i));
        return (new Tensor(v), new Tensor(i));
    }
}
