using SamRl.Memory;
using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Agents;

/// <summary>
/// The initialisation of the authors' agent (rl <c>utils.weights_init</c> applied to every module, then the A3C's own
/// touches), reference §2:
/// <list type="number">
/// <item>every Conv2d and Linear, those inside the STM included: weight U(±√(6/(fan_in+fan_out))), bias 0
/// (fan_in = in·k·k, fan_out = out·k·k for a conv);</item>
/// <item>conv weights then multiplied by the ReLU gain √2;</item>
/// <item>actor and critic weights replaced by <c>norm_col_init</c>: standard normal rows scaled to norm 0.01 (actor)
/// and 1.0 (critic); their biases 0;</item>
/// <item>the LSTMCell keeps PyTorch's U(±1/√hidden) weights, with zero biases.</item>
/// </list>
/// LayerNorms, the STM's scalar gate biases, α's and learned initial memories keep their own initialisation.
/// </summary>
public static class ReferenceInit
{
    public static void Apply(ActorCritic agent, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        using var noGrad = torch.no_grad();
        foreach (var (_, module) in agent.named_modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    init.xavier_uniform_(conv.weight, 1, generator);
                    conv.weight.mul_(init.calculate_gain("relu"));
                    conv.bias?.zero_();
                    break;
                case Linear linear:
                    init.xavier_uniform_(linear.weight, 1, generator);
                    linear.bias?.zero_();
                    break;
                case LstmCore lstm:
                    lstm.Cell.bias_ih?.zero_();
                    lstm.Cell.bias_hh?.zero_();
                    break;
            }
        }

        NormColumns(agent.Actor.weight, 0.01, generator);
        NormColumns(agent.Critic.weight, 1.0, generator);
    }

    /// <summary>The reference's <c>norm_col_init</c>: each row of a [out, in] weight drawn N(0, 1), then scaled to norm <paramref name="std"/>.</summary>
    public static void NormColumns(Tensor weight, double std, Generator? generator = null)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(weight.shape, generator, weight.dtype, weight.device);
        var norms = x.square().sum(1, keepdim: true).sqrt();
        weight.copy_(x.mul(std).div(norms));
    }
}
