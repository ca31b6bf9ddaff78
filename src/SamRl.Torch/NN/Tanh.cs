namespace SamRl.Torch.NN;

/// <summary>tanh(x) elementwise.</summary>
public sealed class Tanh : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.tanh();
}
