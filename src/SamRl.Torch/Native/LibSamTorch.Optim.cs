using System.Runtime.InteropServices;

namespace SamRl.Torch.Native;

// Entry points of src/native/samtorch/optim_ops.cpp.
internal static unsafe partial class LibSamTorch
{
    [LibraryImport(L)] internal static partial int st_adam_fused(IntPtr param, IntPtr grad, IntPtr expAvg, IntPtr expAvgSq, IntPtr maxExpAvgSq, double lr,
        double beta1, double beta2, double eps, double weightDecay, long step, int maximize, int legacy);
}
