using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Tasks.Babi;

/// <summary>
/// The read-out's two-layer MLP (TPR-RNN's <c>MLP</c> in the authors' utils.py): tanh(tanh(x·W1 + b1)·W2 + b2),
/// W stored [in, out] with Xavier-uniform init, zero biases.
/// </summary>
public sealed class TanhMlp : Module<Tensor, Tensor>
{
    private readonly Tensor _w1, _b1, _w2, _b2;

    public TanhMlp(long inFeatures, long hidden, long outFeatures, Generator? generator = null)
    {
        _w1 = RegisterParameter("W1", torch.empty([inFeatures, hidden]));
        init.xavier_uniform_(_w1, generator: generator);
        _b1 = RegisterParameter("b1", torch.zeros([hidden]));
        _w2 = RegisterParameter("W2", torch.empty([hidden, outFeatures]));
        init.xavier_uniform_(_w2, generator: generator);
        _b2 = RegisterParameter("b2", torch.zeros([outFeatures]));
    }

    /// <summary>x: [B, in] -> [B, out].</summary>
    public override Tensor forward(Tensor input) => input.matmul(_w1).add(_b1).tanh().matmul(_w2).add(_b2).tanh();
}
