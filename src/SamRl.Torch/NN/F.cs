using SamRl.Torch.Native;

namespace SamRl.Torch.NN;

/// <summary>How a loss reduces over elements (at::Reduction's values).</summary>
public enum Reduction
{
    None = 0,
    Mean = 1,
    Sum = 2,
}

/// <summary>torch.nn.functional.</summary>
public static class F
{
    public static Tensor linear(Tensor x, Tensor weight, Tensor? bias = null) => new(LibSamTorch.st_linear(x.Handle, weight.Handle, bias?.Handle ?? IntPtr.Zero));
    public static Tensor relu(Tensor x) => x.relu();
    public static Tensor tanh(Tensor x) => x.tanh();
    public static Tensor sigmoid(Tensor x) => x.sigmoid();
    public static Tensor softmax(Tensor x, long dim) => x.softmax(dim);
    public static Tensor log_softmax(Tensor x, long dim) => x.log_softmax(dim);

    public static unsafe Tensor conv2d(Tensor x, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1) =>
        conv2d(x, weight, bias, [stride, stride], [padding, padding], [dilation, dilation], groups);

    public static unsafe Tensor conv2d(Tensor x, Tensor weight, Tensor? bias, long[] stride, long[] padding, long[] dilation, long groups = 1)
    {
        Check2(stride, nameof(stride)); Check2(padding, nameof(padding)); Check2(dilation, nameof(dilation));
        fixed (long* s = stride)
        fixed (long* p = padding)
        fixed (long* d = dilation)
            return new Tensor(LibSamTorch.st_conv2d(x.Handle, weight.Handle, bias?.Handle ?? IntPtr.Zero, s, p, d, groups));
    }

    /// <summary>Max pooling; stride defaults to the kernel size, as in PyTorch.</summary>
    public static unsafe Tensor max_pool2d(Tensor x, long kernelSize, long? stride = null, long padding = 0, bool ceilMode = false)
    {
        long[] k = [kernelSize, kernelSize], s = [stride ?? kernelSize, stride ?? kernelSize], p = [padding, padding];
        fixed (long* kp = k)
        fixed (long* sp = s)
        fixed (long* pp = p)
            return new Tensor(LibSamTorch.st_max_pool2d(x.Handle, kp, sp, pp, ceilMode ? 1 : 0));
    }

    /// <summary>
    /// relu(max_pool2d(x, 2)) for x [N, C, H, W] as one native autograd op (src/native/samtorch/pool_ops.cpp): equal,
    /// value and gradient, to the two ops (ties go to the window's first maximum, as in max_pool2d), and several times
    /// faster than libtorch 1.13's CPU max_pool2d on the conv maps of the A3C encoder.
    /// </summary>
    public static Tensor max_pool2_relu(Tensor x) => new(LibSamTorch.st_max_pool2_relu(x.Handle));

    public static unsafe Tensor layer_norm(Tensor x, long[] normalizedShape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        fixed (long* s = normalizedShape)
            return new Tensor(LibSamTorch.st_layer_norm(x.Handle, s, normalizedShape.Length, weight?.Handle ?? IntPtr.Zero, bias?.Handle ?? IntPtr.Zero, eps));
    }

    public static Tensor dropout(Tensor x, double p = 0.5, bool training = true)
    {
        if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), $"dropout probability must be in [0, 1], got {p}");
        return new(LibSamTorch.st_dropout(x.Handle, p, training ? 1 : 0));
    }

    public static Tensor embedding(Tensor indices, Tensor weight) => new(LibSamTorch.st_embedding(weight.Handle, indices.Handle));

    public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) => new(LibSamTorch.st_mse_loss(input.Handle, target.Handle, (int)reduction));

    /// <summary>Logits [N, C] (or [N, C, ...]) against class indices (int64).</summary>
    public static Tensor cross_entropy(Tensor logits, Tensor target, Reduction reduction = Reduction.Mean) => new(LibSamTorch.st_cross_entropy(logits.Handle, target.Handle, (int)reduction));

    public static Tensor nll_loss(Tensor logProbs, Tensor target, Reduction reduction = Reduction.Mean) => new(LibSamTorch.st_nll_loss(logProbs.Handle, target.Handle, (int)reduction));

    public static Tensor binary_cross_entropy_with_logits(Tensor logits, Tensor target, Reduction reduction = Reduction.Mean) => new(LibSamTorch.st_bce_with_logits(logits.Handle, target.Handle, (int)reduction));

    /// <summary>BCE on probabilities (the authors' BCELoss after a sigmoid).</summary>
    public static Tensor binary_cross_entropy(Tensor probs, Tensor target, Reduction reduction = Reduction.Mean) => new(LibSamTorch.st_bce(probs.Handle, target.Handle, (int)reduction));

    private static void Check2(long[] a, string name)
    {
        if (a.Length != 2) throw new ArgumentException($"{name} needs 2 values (height, width), got {a.Length}");
    }
}
