using SamRl.Torch.Native;

namespace SamRl.Torch;

/// <summary>A seeded CPU random generator (torch.Generator). Random factories taking one are reproducible.</summary>
public sealed class Generator : IDisposable
{
    private IntPtr _handle;

    public Generator(ulong seed)
    {
        _handle = LibSamTorch.Check(LibSamTorch.st_generator_new(seed));
    }

    internal IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(Generator));

    public Generator manual_seed(ulong seed)
    {
        LibSamTorch.Check(LibSamTorch.st_generator_seed(Handle, seed));
        return this;
    }

    public void Dispose()
    {
        var h = Interlocked.Exchange(ref _handle, IntPtr.Zero);
        if (h != IntPtr.Zero) LibSamTorch.st_generator_free(h);
        GC.SuppressFinalize(this);
    }

    ~Generator() => Dispose();
}
