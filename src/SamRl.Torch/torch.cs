using System.Runtime.InteropServices;
using SamRl.Torch.Native;

namespace SamRl.Torch;

/// <summary>PyTorch-shaped entry points: factories, functions over several tensors, global settings.</summary>
public static partial class torch
{
    public const ScalarType float32 = ScalarType.Float32;
    public const ScalarType float64 = ScalarType.Float64;
    public const ScalarType int64 = ScalarType.Int64;
    public const ScalarType int32 = ScalarType.Int32;
    public const ScalarType uint8 = ScalarType.Byte;
    public const ScalarType @bool = ScalarType.Bool;

    /// <summary>The dtype factories use when none is given (float32, as in PyTorch).</summary>
    public static ScalarType DefaultDType { get; set; } = ScalarType.Float32;

    public static DisposeScope NewDisposeScope() => new();
    public static GradModeScope no_grad() => new(false);
    public static GradModeScope enable_grad() => new(true);
    public static bool is_grad_enabled() => LibSamTorch.st_grad_enabled() != 0;

    private static unsafe Tensor Fill(int kind, long[] shape, double value, ScalarType? dtype, Device? device)
    {
        var d = device ?? Device.CPU;
        fixed (long* p = shape)
            return new Tensor(LibSamTorch.st_fill(kind, p, shape.Length, value, (int)(dtype ?? DefaultDType), (int)d.type, d.index));
    }

    public static Tensor empty(long[] shape, ScalarType? dtype = null, Device? device = null) => Fill(0, shape, 0, dtype, device);
    public static Tensor zeros(long[] shape, ScalarType? dtype = null, Device? device = null) => Fill(1, shape, 0, dtype, device);
    public static Tensor ones(long[] shape, ScalarType? dtype = null, Device? device = null) => Fill(2, shape, 0, dtype, device);
    public static Tensor full(long[] shape, double value, ScalarType? dtype = null, Device? device = null) => Fill(3, shape, value, dtype, device);
    public static Tensor zeros(params long[] shape) => zeros(shape, null, null);
    public static Tensor ones(params long[] shape) => ones(shape, null, null);
    public static Tensor zeros_like(Tensor t) => zeros(t.shape, t.dtype, t.device);
    public static Tensor ones_like(Tensor t) => ones(t.shape, t.dtype, t.device);

    public static Tensor arange(double end, ScalarType? dtype = null, Device? device = null) => arange(0, end, 1, dtype, device);
    public static Tensor arange(double start, double end, double step = 1, ScalarType? dtype = null, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return new Tensor(LibSamTorch.st_arange(start, end, step, (int)(dtype ?? ScalarType.Int64), (int)d.type, d.index));
    }

    public static Tensor eye(long n, long? m = null, ScalarType? dtype = null, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return new Tensor(LibSamTorch.st_eye(n, m ?? n, (int)(dtype ?? DefaultDType), (int)d.type, d.index));
    }

    public static Tensor linspace(double start, double end, long steps, ScalarType? dtype = null, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return new Tensor(LibSamTorch.st_linspace(start, end, steps, (int)(dtype ?? DefaultDType), (int)d.type, d.index));
    }

    public static Tensor scalar_tensor(double value, ScalarType? dtype = null, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return new Tensor(LibSamTorch.st_scalar_tensor(value, (int)(dtype ?? DefaultDType), (int)d.type, d.index));
    }

    private static unsafe Tensor Rand(int kind, long[] shape, Generator? gen, ScalarType? dtype, Device? device)
    {
        var d = device ?? Device.CPU;
        fixed (long* p = shape)
            return new Tensor(LibSamTorch.st_rand(kind, p, shape.Length, gen?.Handle ?? IntPtr.Zero, (int)(dtype ?? DefaultDType), (int)d.type, d.index));
    }

    /// <summary>Uniform [0, 1).</summary>
    public static Tensor rand(long[] shape, Generator? generator = null, ScalarType? dtype = null, Device? device = null) => Rand(0, shape, generator, dtype, device);
    /// <summary>Standard normal.</summary>
    public static Tensor randn(long[] shape, Generator? generator = null, ScalarType? dtype = null, Device? device = null) => Rand(1, shape, generator, dtype, device);

    public static unsafe Tensor randint(long low, long high, long[] shape, Generator? generator = null, ScalarType? dtype = null, Device? device = null)
    {
        var d = device ?? Device.CPU;
        fixed (long* p = shape)
            return new Tensor(LibSamTorch.st_randint(low, high, p, shape.Length, generator?.Handle ?? IntPtr.Zero, (int)(dtype ?? ScalarType.Int64), (int)d.type, d.index));
    }

    public static Tensor randperm(long n, Generator? generator = null, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return new Tensor(LibSamTorch.st_randperm(n, generator?.Handle ?? IntPtr.Zero, (int)d.type, d.index));
    }

    public static Tensor multinomial(Tensor probs, long numSamples, bool replacement = false, Generator? generator = null) =>
        new(LibSamTorch.st_multinomial(probs.Handle, numSamples, replacement ? 1 : 0, generator?.Handle ?? IntPtr.Zero));

    public static Tensor bernoulli(Tensor p, Generator? generator = null) => new(LibSamTorch.st_bernoulli(p.Handle, generator?.Handle ?? IntPtr.Zero));

    /// <summary>Seeds the global CPU generator (torch.manual_seed).</summary>
    public static void manual_seed(ulong seed) => LibSamTorch.Check(LibSamTorch.st_manual_seed(seed));

    /// <summary>Copies data into a new tensor of the given shape (default: 1-d).</summary>
    public static unsafe Tensor tensor<T>(ReadOnlySpan<T> data, long[]? shape = null, Device? device = null) where T : unmanaged
    {
        shape ??= [data.Length];
        long n = 1;
        foreach (var s in shape) n *= s;
        if (n != data.Length) throw new ArgumentException($"tensor: {data.Length} values cannot fill shape [{string.Join(", ", shape)}] ({n} elements)");
        var d = device ?? Device.CPU;
        fixed (T* p = data)
        fixed (long* s = shape)
        {
            // from_blob needs a valid pointer even for zero elements.
            T dummy = default;
            void* src = data.Length == 0 ? &dummy : p;
            return new Tensor(LibSamTorch.st_from_data(src, s, shape.Length, (int)DTypes.Of<T>(), (int)d.type, d.index));
        }
    }

    public static Tensor tensor<T>(T[] data, params long[] shape) where T : unmanaged =>
        tensor<T>(data.AsSpan(), shape.Length == 0 ? null : shape);

    public static Tensor tensor(double value, ScalarType? dtype = null) => scalar_tensor(value, dtype);

    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);
    public static Tensor bmm(Tensor a, Tensor b) => a.bmm(b);
    public static Tensor addmm(Tensor input, Tensor a, Tensor b, double beta = 1, double alpha = 1) =>
        new(LibSamTorch.st_addmm(input.Handle, a.Handle, b.Handle, beta, alpha));
    public static Tensor where(Tensor condition, Tensor a, Tensor b) => a.where(condition, b);
    public static Tensor tanh(Tensor a) => a.tanh();
    public static Tensor sigmoid(Tensor a) => a.sigmoid();
    public static Tensor relu(Tensor a) => a.relu();
    public static Tensor exp(Tensor a) => a.exp();
    public static Tensor log(Tensor a) => a.log();
    public static Tensor softmax(Tensor a, long dim) => a.softmax(dim);
    public static Tensor log_softmax(Tensor a, long dim) => a.log_softmax(dim);
    public static Tensor maximum(Tensor a, Tensor b) => a.maximum(b);
    public static Tensor minimum(Tensor a, Tensor b) => a.minimum(b);

    public static unsafe Tensor einsum(string equation, params Tensor[] operands)
    {
        var hs = operands.Select(o => o.Handle).ToArray();
        fixed (IntPtr* p = hs) return new Tensor(LibSamTorch.st_einsum(equation, p, hs.Length));
    }

    public static unsafe Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        var hs = tensors.Select(o => o.Handle).ToArray();
        fixed (IntPtr* p = hs) return new Tensor(LibSamTorch.st_cat(p, hs.Length, dim));
    }

    public static unsafe Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        var hs = tensors.Select(o => o.Handle).ToArray();
        fixed (IntPtr* p = hs) return new Tensor(LibSamTorch.st_stack(p, hs.Length, dim));
    }

    public static Tensor one_hot(Tensor indices, long numClasses) => new(LibSamTorch.st_one_hot(indices.Handle, numClasses));

    /// <summary>Native tensors alive in this process (every handle, on every thread). Leak tests compare it.</summary>
    public static long LiveTensors => LibSamTorch.st_live_tensors();

    public static string Version => Marshal.PtrToStringUTF8(LibSamTorch.st_version()) ?? "?";
    public static string LibraryPath => Marshal.PtrToStringUTF8(LibSamTorch.st_library_path()) ?? "?";
    public static string BuildConfig => Marshal.PtrToStringUTF8(LibSamTorch.st_show_config()) ?? "";

    /// <summary>libtorch intra-op threads (per process in libtorch; set per role before work starts).</summary>
    public static int get_num_threads() => LibSamTorch.st_get_num_threads();
    public static void set_num_threads(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), "threads must be >= 1");
        LibSamTorch.Check(LibSamTorch.st_set_num_threads(n));
    }
    public static int get_num_interop_threads() => LibSamTorch.st_get_num_interop_threads();

    /// <summary>Sets OpenBLAS's own pool size; false when the loaded BLAS has no such knob.</summary>
    public static bool set_blas_threads(int n) => LibSamTorch.st_set_blas_threads(n) != 0;
    /// <summary>OpenBLAS's pool size, or -1 when the BLAS is not OpenBLAS.</summary>
    public static int get_blas_threads() => LibSamTorch.st_get_blas_threads();

    public static partial class cuda
    {
        public static bool is_available() => LibSamTorch.st_cuda_available() != 0;
        public static int device_count() => LibSamTorch.st_cuda_device_count();

        /// <summary>Waits until every kernel queued on the device (-1: the current one) has run; needed before reading a wall clock.</summary>
        public static void synchronize(int device = -1) => LibSamTorch.Check(LibSamTorch.st_cuda_synchronize(device));

        /// <summary>Peak bytes held by libtorch's CUDA caching allocator since the last reset, or null when this libtorch cannot tell (a CPU build).</summary>
        public static long? max_memory_allocated(int device = 0)
        {
            long v = LibSamTorch.st_cuda_peak_allocated(device);
            return v < 0 ? null : v;
        }

        /// <summary>Starts a new peak for <see cref="max_memory_allocated"/>; false when this libtorch cannot.</summary>
        public static bool reset_peak_memory_stats(int device = 0) => LibSamTorch.st_cuda_reset_peak(device) == 0;
    }
}
