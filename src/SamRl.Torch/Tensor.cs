using System.Runtime.InteropServices;
using SamRl.Torch.Native;

namespace SamRl.Torch;

/// <summary>
/// A libtorch tensor. Disposable: dispose it, or create it inside a <see cref="DisposeScope"/>.
/// Names follow PyTorch (shape, dtype, device, requires_grad, matmul, ...).
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private TensorHandle _handle;

    internal DisposeScope? Scope;

    internal Tensor(IntPtr handle)
    {
        _handle = new TensorHandle(LibSamTorch.Check(handle));
        DisposeScope.Current?.Track(this);
    }

    /// <summary>The raw handle; throws if the tensor was disposed.</summary>
    internal IntPtr Handle
    {
        get
        {
            if (_handle.IsClosed) throw new ObjectDisposedException(nameof(Tensor), "this tensor was disposed (or freed by its DisposeScope) and cannot be used");
            return _handle.DangerousGetHandle();
        }
    }

    public bool IsDisposed => _handle.IsClosed;

    public void Dispose()
    {
        Scope = null;
        _handle.Dispose();
    }

    /// <summary>
    /// Points this object at another native tensor (taking ownership of it) and frees the old one.
    /// Module.to(device) uses it so fields holding parameters stay valid.
    /// </summary>
    internal void ReplaceWith(Tensor other)
    {
        var old = _handle;
        _handle = other._handle;
        other._handle = new TensorHandle(IntPtr.Zero);
        other.Scope = null;
        old.Dispose();
    }

    /// <summary>Removes the tensor from its dispose scope: the caller now owns it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        Scope = null;
        return this;
    }

    /// <summary>Hands the tensor to the scope outside the one that owns it.</summary>
    public Tensor MoveToOuterDisposeScope()
    {
        Scope?.MoveToOuter(this);
        return this;
    }

    public int dim() => LibSamTorch.st_ndim(Handle);
    public long numel() => LibSamTorch.st_numel(Handle);
    public ScalarType dtype => (ScalarType)LibSamTorch.st_dtype(Handle);
    public Device device => new((DeviceType)LibSamTorch.st_device_type(Handle), LibSamTorch.st_device_index(Handle));
    public bool is_contiguous() => LibSamTorch.st_is_contiguous(Handle) != 0;

    public unsafe long[] shape
    {
        get
        {
            var h = Handle;
            Span<long> buf = stackalloc long[16];
            int n;
            fixed (long* p = buf) n = LibSamTorch.st_shape(h, p, buf.Length);
            if (n <= buf.Length) return buf[..n].ToArray();
            var big = new long[n];
            fixed (long* p = big) LibSamTorch.st_shape(h, p, n);
            return big;
        }
    }

    public long size(int dim)
    {
        var s = shape;
        int d = dim < 0 ? dim + s.Length : dim;
        if (d < 0 || d >= s.Length) throw new ArgumentOutOfRangeException(nameof(dim), $"dimension {dim} out of range for a {s.Length}-d tensor");
        return s[d];
    }

    public unsafe double item()
    {
        double v;
        LibSamTorch.Check(LibSamTorch.st_item(Handle, &v));
        return v;
    }

    public unsafe long item_long()
    {
        long v;
        LibSamTorch.Check(LibSamTorch.st_item_long(Handle, &v));
        return v;
    }

    public T item<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(long)) { long l = item_long(); return System.Runtime.CompilerServices.Unsafe.As<long, T>(ref l); }
        if (typeof(T) == typeof(int)) { int i = checked((int)item_long()); return System.Runtime.CompilerServices.Unsafe.As<int, T>(ref i); }
        if (typeof(T) == typeof(float)) { float f = (float)item(); return System.Runtime.CompilerServices.Unsafe.As<float, T>(ref f); }
        if (typeof(T) == typeof(double)) { double d = item(); return System.Runtime.CompilerServices.Unsafe.As<double, T>(ref d); }
        if (typeof(T) == typeof(bool)) { bool b = item() != 0; return System.Runtime.CompilerServices.Unsafe.As<bool, T>(ref b); }
        throw new NotSupportedException($"item<{typeof(T).Name}> is not supported; use float, double, int, long or bool");
    }

    /// <summary>Copies the elements (row-major) into a new array; T must match the dtype.</summary>
    public T[] data<T>() where T : unmanaged
    {
        var result = new T[numel()];
        CopyTo<T>(result);
        return result;
    }

    /// <summary>Copies the elements (row-major) into <paramref name="destination"/>, which must hold exactly numel elements.</summary>
    public unsafe void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        var expected = DTypes.Of<T>();
        if (expected != dtype) throw new TorchException($"data<{typeof(T).Name}>: tensor dtype is {dtype}; convert with .to({expected}) first");
        fixed (T* p = destination)
            LibSamTorch.Check(LibSamTorch.st_copy_data(Handle, p, (long)destination.Length * sizeof(T)));
    }

    public override string ToString()
    {
        if (IsDisposed) return "Tensor(disposed)";
        var s = LibSamTorch.st_to_string(Handle);
        if (s == IntPtr.Zero) return $"Tensor({dtype}, [{string.Join(", ", shape)}])";
        try { return Marshal.PtrToStringUTF8(s) ?? ""; }
        finally { LibSamTorch.st_free_string(s); }
    }

    /// <summary>Shape as "[2, 3]" for error messages.</summary>
    public string ShapeString() => "[" + string.Join(", ", shape) + "]";
}
