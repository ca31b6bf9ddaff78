using System.Runtime.InteropServices;

namespace SamRl.Torch.Native;

// Entry points of src/native/samtorch/lstm_ops.cpp (fused LSTM cell and sequence).
internal static unsafe partial class LibSamTorch
{
    [LibraryImport(L)] internal static partial int st_lstm_cell(IntPtr x, IntPtr h, IntPtr c, IntPtr wIh, IntPtr wHh, IntPtr bIh, IntPtr bHh, IntPtr* outp);
    [LibraryImport(L)] internal static partial int st_lstm_sequence(IntPtr xs, IntPtr h, IntPtr c, IntPtr wIh, IntPtr wHh, IntPtr bIh, IntPtr bHh, IntPtr* outp);
}
