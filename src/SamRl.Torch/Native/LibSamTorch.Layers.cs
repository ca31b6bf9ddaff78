using System.Runtime.InteropServices;

namespace SamRl.Torch.Native;

// Entry points of src/native/samtorch/layers.cpp and pool_ops.cpp.
internal static unsafe partial class LibSamTorch
{
    [LibraryImport(L)] internal static partial IntPtr st_embedding_ex(IntPtr w, IntPtr idx, long paddingIdx);
    [LibraryImport(L)] internal static partial IntPtr st_max_pool2_relu(IntPtr x);
    [LibraryImport(L)] internal static partial IntPtr st_max_pool2d_ex(IntPtr x, long* k, long* s, long* p, long* d, int ceilMode);
}
