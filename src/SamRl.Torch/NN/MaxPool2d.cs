using SamRl.Torch.Native;

namespace SamRl.Torch.NN;

/// <summary>torch.nn.MaxPool2d: stride defaults to the kernel size; padding is -inf; no parameters.</summary>
public sealed class MaxPool2d : Module<Tensor, Tensor>
{
    public long[] kernel_size { get; }
    public long[] stride { get; }
    public long[] padding { get; }
    public long[] dilation { get; }
    public bool ceil_mode { get; }

    public MaxPool2d(long kernelSize, long? stride = null, long padding = 0, long dilation = 1, bool ceilMode = false)
        : this((kernelSize, kernelSize), stride.HasValue ? (stride.Value, stride.Value) : null, (padding, padding), (dilation, dilation), ceilMode)
    {
    }

    public MaxPool2d((long h, long w) kernelSize, (long h, long w)? stride = null, (long h, long w)? padding = null, (long h, long w)? dilation = null, bool ceilMode = false)
    {
        var s = stride ?? kernelSize;
        var p = padding ?? (0, 0);
        var d = dilation ?? (1, 1);
        if (kernelSize.h <= 0 || kernelSize.w <= 0) throw new ArgumentException($"MaxPool2d: kernel size ({kernelSize.h}, {kernelSize.w}) must be positive");
        if (s.h <= 0 || s.w <= 0) throw new ArgumentException($"MaxPool2d: stride ({s.h}, {s.w}) must be positive");
        if (p.h < 0 || p.w < 0 || 2 * p.h > kernelSize.h || 2 * p.w > kernelSize.w)
            throw new ArgumentException($"MaxPool2d: padding ({p.h}, {p.w}) must be non-negative and at most half the kernel size ({kernelSize.h}, {kernelSize.w})");
        if (d.h <= 0 || d.w <= 0) throw new ArgumentException($"MaxPool2d: dilation ({d.h}, {d.w}) must be positive");
        kernel_size = [kernelSize.h, kernelSize.w];
        this.stride = [s.h, s.w];
        this.padding = [p.h, p.w];
        this.dilation = [d.h, d.w];
        ceil_mode = ceilMode;
    }

    public override unsafe Tensor forward(Tensor input)
    {
        fixed (long* k = kernel_size)
        fixed (long* s = stride)
        fixed (long* p = padding)
        fixed (long* d = dilation)
            return new Tensor(LibSamTorch.st_max_pool2d_ex(input.Handle, k, s, p, d, ceil_mode ? 1 : 0));
    }
}
