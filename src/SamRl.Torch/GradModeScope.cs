using SamRl.Torch.Native;

namespace SamRl.Torch;

/// <summary>Sets autograd on or off for this thread until disposed, then restores the previous mode.</summary>
public sealed class GradModeScope : IDisposable
{
    private readonly bool _previous;
    private bool _disposed;

    internal GradModeScope(bool enabled)
    {
        _previous = LibSamTorch.st_grad_enabled() != 0;
        LibSamTorch.st_set_grad_enabled(enabled ? 1 : 0);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        LibSamTorch.st_set_grad_enabled(_previous ? 1 : 0);
    }
}
