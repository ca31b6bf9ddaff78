namespace SamRl.Torch.NN;

/// <summary>
/// torch.nn.Dropout: in training mode zeroes each element with probability p and scales the rest by
/// 1/(1-p); in eval mode returns the input values unchanged (as a new handle).
/// </summary>
public sealed class Dropout : Module<Tensor, Tensor>
{
    public double p { get; }

    public Dropout(double p = 0.5)
    {
        if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), $"dropout probability must be in [0, 1], got {p}");
        this.p = p;
    }

    public override Tensor forward(Tensor input) => F.dropout(input, p, training);
}
