using System.Runtime.InteropServices;
using SamRl.Torch.Native;

namespace SamRl.Torch;

/// <summary>Owns one native at::Tensor handle; the GC frees it if the owner forgets to.</summary>
internal sealed class TensorHandle : SafeHandle
{
    public TensorHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        LibSamTorch.st_free(handle);
        return true;
    }
}
