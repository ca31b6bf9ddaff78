namespace SamRl.Torch.NN;

/// <summary>max(x, 0) elementwise.</summary>
public sealed class ReLU : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.relu();
}
