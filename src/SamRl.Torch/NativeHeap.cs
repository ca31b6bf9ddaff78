using System.Runtime.InteropServices;

namespace SamRl.Torch;

/// <summary>
/// glibc malloc tuning for training with large activations. libtorch's CPU allocator takes every tensor from
/// malloc; glibc serves blocks above 32 MiB (the STM's B×N×d×d memories are 37-67 MB) with fresh mmap calls
/// and returns them to the kernel on free, so each such tensor costs thousands of page faults and zeroed pages.
/// Measured on the Nth-farthest benchmark: 11 s → 4.3 s per iteration (system time 9.7 s → 1.4 s over 3 iterations).
/// <see cref="KeepFreedMemory"/> serves everything from the heap and keeps freed memory for reuse; it is what
/// <c>MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=…</c> does, applied from inside the process.
/// </summary>
public static partial class NativeHeap
{
    private const int M_TRIM_THRESHOLD = -1;
    private const int M_TOP_PAD = -2;
    private const int M_MMAP_MAX = -4;

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int param, int value);

    /// <summary>
    /// Stops glibc from mmap-ing large blocks and from trimming the heap, so memory freed by one training step is
    /// reused by the next. Process-wide and irreversible; returns false where it is not glibc (nothing changes).
    /// </summary>
    public static bool KeepFreedMemory()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            bool ok = Mallopt(M_MMAP_MAX, 0) == 1;
            ok &= Mallopt(M_TRIM_THRESHOLD, int.MaxValue) == 1;
            ok &= Mallopt(M_TOP_PAD, 256 << 20) == 1;
            return ok;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
