using SamRl.Torch.Native;

namespace SamRl.Torch.NN;

/// <summary>y = x·Wᵀ + b, W stored [out, in] as in PyTorch.</summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    public Tensor weight { get; }
    public Tensor? bias { get; }
    public long in_features { get; }
    public long out_features { get; }

    public Linear(long inFeatures, long outFeatures, bool hasBias = true, ScalarType? dtype = null, Device? device = null, Generator? generator = null)
    {
        if (inFeatures <= 0 || outFeatures <= 0) throw new ArgumentException($"Linear({inFeatures}, {outFeatures}): sizes must be positive");
        in_features = inFeatures;
        out_features = outFeatures;
        weight = RegisterParameter("weight", torch.empty([outFeatures, inFeatures], dtype, device));
        if (hasBias) bias = RegisterParameter("bias", torch.empty([outFeatures], dtype, device));
        init.default_linear_(weight, bias, generator);
    }

    public override Tensor forward(Tensor input) => new(LibSamTorch.st_linear(input.Handle, weight.Handle, bias?.Handle ?? IntPtr.Zero));
}
