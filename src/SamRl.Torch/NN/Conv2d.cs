namespace SamRl.Torch.NN;

/// <summary>
/// 2-d convolution as torch.nn.Conv2d: input [N, in, H, W], weight [out, in/groups, kH, kW], bias [out].
/// Default init is PyTorch's (kaiming_uniform(a=√5) for the weight, U(±1/√fan_in) for the bias, where
/// fan_in = in/groups·kH·kW). Only zero padding.
/// </summary>
public sealed class Conv2d : Module<Tensor, Tensor>
{
    public long in_channels { get; }
    public long out_channels { get; }
    public long[] kernel_size { get; }
    public long[] stride { get; }
    public long[] padding { get; }
    public long[] dilation { get; }
    public long groups { get; }
    public Tensor weight { get; }
    public Tensor? bias { get; }

    public Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, long groups = 1,
                  bool hasBias = true, ScalarType? dtype = null, Device? device = null, Generator? generator = null)
        : this(inChannels, outChannels, (kernelSize, kernelSize), (stride, stride), (padding, padding), (dilation, dilation), groups, hasBias, dtype, device, generator)
    {
    }

    public Conv2d(long inChannels, long outChannels, (long h, long w) kernelSize, (long h, long w)? stride = null, (long h, long w)? padding = null,
                  (long h, long w)? dilation = null, long groups = 1, bool hasBias = true, ScalarType? dtype = null, Device? device = null, Generator? generator = null)
    {
        var s = stride ?? (1, 1);
        var p = padding ?? (0, 0);
        var d = dilation ?? (1, 1);
        if (inChannels <= 0 || outChannels <= 0) throw new ArgumentException($"Conv2d({inChannels}, {outChannels}): channel counts must be positive");
        if (groups <= 0) throw new ArgumentException($"Conv2d: groups must be positive, got {groups}");
        if (inChannels % groups != 0) throw new ArgumentException($"Conv2d: in_channels {inChannels} must be divisible by groups {groups}");
        if (outChannels % groups != 0) throw new ArgumentException($"Conv2d: out_channels {outChannels} must be divisible by groups {groups}");
        if (kernelSize.h <= 0 || kernelSize.w <= 0) throw new ArgumentException($"Conv2d: kernel size ({kernelSize.h}, {kernelSize.w}) must be positive");
        if (s.h <= 0 || s.w <= 0) throw new ArgumentException($"Conv2d: stride ({s.h}, {s.w}) must be positive");
        if (p.h < 0 || p.w < 0) throw new ArgumentException($"Conv2d: padding ({p.h}, {p.w}) must be non-negative");
        if (d.h <= 0 || d.w <= 0) throw new ArgumentException($"Conv2d: dilation ({d.h}, {d.w}) must be positive");

        in_channels = inChannels;
        out_channels = outChannels;
        kernel_size = [kernelSize.h, kernelSize.w];
        this.stride = [s.h, s.w];
        this.padding = [p.h, p.w];
        this.dilation = [d.h, d.w];
        this.groups = groups;
        weight = RegisterParameter("weight", torch.empty([outChannels, inChannels / groups, kernelSize.h, kernelSize.w], dtype, device));
        if (hasBias) bias = RegisterParameter("bias", torch.empty([outChannels], dtype, device));
        init.default_linear_(weight, bias, generator);
    }

    public override Tensor forward(Tensor input) => F.conv2d(input, weight, bias, stride, padding, dilation, groups);
}
