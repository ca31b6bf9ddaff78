namespace SamRl.Torch.NN;

/// <summary>Layer normalisation over the trailing normalized_shape dims (biased variance), affine γ=1, β=0.</summary>
public sealed class LayerNorm : Module<Tensor, Tensor>
{
    public long[] normalized_shape { get; }
    public double eps { get; }
    public Tensor? weight { get; }
    public Tensor? bias { get; }

    public LayerNorm(long[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, ScalarType? dtype = null, Device? device = null)
    {
        normalized_shape = normalizedShape.ToArray();
        this.eps = eps;
        if (elementwiseAffine)
        {
            weight = RegisterParameter("weight", torch.ones(normalized_shape, dtype, device));
            bias = RegisterParameter("bias", torch.zeros(normalized_shape, dtype, device));
        }
    }

    public LayerNorm(long normalizedShape, double eps = 1e-5) : this([normalizedShape], eps) { }

    public override Tensor forward(Tensor input) => F.layer_norm(input, normalized_shape, weight, bias, eps);
}
