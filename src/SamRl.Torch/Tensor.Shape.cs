using SamRl.Torch.Native;

namespace SamRl.Torch;

public sealed partial class Tensor
{
    public unsafe Tensor view(params long[] shape) { fixed (long* p = shape) return new(LibSamTorch.st_view(Handle, p, shape.Length)); }
    public unsafe Tensor reshape(params long[] shape) { fixed (long* p = shape) return new(LibSamTorch.st_reshape(Handle, p, shape.Length)); }
    public unsafe Tensor permute(params long[] dims) { fixed (long* p = dims) return new(LibSamTorch.st_permute(Handle, p, dims.Length)); }
    public unsafe Tensor expand(params long[] shape) { fixed (long* p = shape) return new(LibSamTorch.st_expand(Handle, p, shape.Length)); }
    public unsafe Tensor repeat(params long[] sizes) { fixed (long* p = sizes) return new(LibSamTorch.st_repeat(Handle, p, sizes.Length)); }
    public Tensor transpose(long dim0, long dim1) => new(LibSamTorch.st_transpose(Handle, dim0, dim1));
    /// <summary>Transpose of a 2-d tensor.</summary>
    public Tensor t() => transpose(0, 1);
    public Tensor unsqueeze(long dim) => new(LibSamTorch.st_unsqueeze(Handle, dim));
    public Tensor squeeze() => new(LibSamTorch.st_squeeze(Handle, 0, 0));
    public Tensor squeeze(long dim) => new(LibSamTorch.st_squeeze(Handle, dim, 1));
    public Tensor flatten(long startDim = 0, long endDim = -1) => new(LibSamTorch.st_flatten(Handle, startDim, endDim));
    public Tensor narrow(long dim, long start, long length) => new(LibSamTorch.st_narrow(Handle, dim, start, length));
    public Tensor select(long dim, long index) => new(LibSamTorch.st_select(Handle, dim, index));
    public Tensor slice(long dim, long start, long end, long step = 1) => new(LibSamTorch.st_slice(Handle, dim, start, end, step));
    public Tensor index_select(long dim, Tensor index) => new(LibSamTorch.st_index_select(Handle, dim, index.Handle));
    public Tensor gather(long dim, Tensor index) => new(LibSamTorch.st_gather(Handle, dim, index.Handle));
    public Tensor scatter(long dim, Tensor index, Tensor src) => new(LibSamTorch.st_scatter(Handle, dim, index.Handle, src.Handle));
    public Tensor tril(long diagonal = 0) => new(LibSamTorch.st_tril(Handle, diagonal));
    public Tensor contiguous() => new(LibSamTorch.st_contiguous(Handle));
    public Tensor clone() => new(LibSamTorch.st_clone(Handle));

    /// <summary>A second handle to the same tensor (shares storage and autograd identity).</summary>
    public Tensor alias() => new(LibSamTorch.st_alias(Handle));

    /// <summary>Splits into parts of the given sizes along dim (torch.split with a list).</summary>
    public unsafe Tensor[] split(long[] sizes, long dim = 0)
    {
        var outs = new IntPtr[sizes.Length];
        fixed (long* s = sizes)
        fixed (IntPtr* o = outs)
            LibSamTorch.Check(LibSamTorch.st_split(Handle, s, sizes.Length, dim, o));
        return outs.Select(h => new Tensor(h)).ToArray();
    }

    /// <summary>Splits into parts of splitSize along dim (the last may be smaller).</summary>
    public Tensor[] split(long splitSize, long dim = 0)
    {
        if (splitSize <= 0) throw new ArgumentOutOfRangeException(nameof(splitSize), "split size must be positive");
        long n = size((int)dim);
        var sizes = new List<long>();
        for (long at = 0; at < n; at += splitSize) sizes.Add(Math.Min(splitSize, n - at));
        return split(sizes.ToArray(), dim);
    }

    /// <summary>torch.chunk: ceil(n/chunks)-sized parts, so fewer than chunks parts may come back.</summary>
    public Tensor[] chunk(long chunks, long dim = 0)
    {
        if (chunks <= 0) throw new ArgumentOutOfRangeException(nameof(chunks), "chunks must be positive");
        long n = size((int)dim);
        return split(Math.Max(1, (n + chunks - 1) / chunks), dim);
    }

    public Tensor to(ScalarType type) => new(LibSamTorch.st_to(Handle, (int)type, (int)device.type, device.index, 0));
    public Tensor to(Device dev) => new(LibSamTorch.st_to(Handle, (int)dtype, (int)dev.type, dev.index, 0));
    public Tensor to(ScalarType type, Device dev) => new(LibSamTorch.st_to(Handle, (int)type, (int)dev.type, dev.index, 0));
    public Tensor cpu() => to(Device.CPU);
    public Tensor @float() => to(ScalarType.Float32);
    public Tensor @double() => to(ScalarType.Float64);
    public Tensor @long() => to(ScalarType.Int64);
}
