using System.Runtime.InteropServices;

namespace SamRl.Torch.Native;

// Entry points of src/native/samtorch/stm_ops.cpp (fused STM relational-memory ops).
internal static unsafe partial class LibSamTorch
{
    [LibraryImport(L)] internal static partial IntPtr st_stm_read(IntPtr mr, IntPtr wc);
    [LibraryImport(L)] internal static partial int st_stm_write(IntPtr mrPrev, IntPtr scores, IntPtr v, IntPtr alpha1, double alpha1Value, IntPtr w, IntPtr bias, IntPtr* outp);
    [LibraryImport(L)] internal static partial IntPtr st_stm_item_write(IntPtr mi, IntPtr c1, IntPtr wmg, IntPtr pre);
    [LibraryImport(L)] internal static partial IntPtr st_fast_tanh(IntPtr x);
}
