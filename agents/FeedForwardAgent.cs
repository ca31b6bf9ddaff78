using SamRl.Memory;
using SamRl.Torch;

namespace SamRl.Agents;

/// <summary>
/// The memoryless control: encoder → critic / actor, no recurrent state. On a task that needs memory (T-maze,
/// recall, masked CartPole) it shows what the observation alone allows.
/// </summary>
public sealed class FeedForwardAgent : ActorCritic
{
    public FeedForwardAgent(Encoder encoder, int actionCount, Generator? generator = null)
        : base(encoder, actionCount)
    {
        RegisterEncoder();
        RegisterHeads(encoder.OutputSize, generator);
    }

    public override string Kind => AgentFactory.FeedForward;

    public override RecurrentState InitialState(long batch)
    {
        if (batch <= 0) throw new ArgumentException($"batch must be positive, got {batch}");
        return new RecurrentState();
    }

    protected override (Tensor hidden, RecurrentState state) CoreStep(Tensor features, RecurrentState state) => (features, new RecurrentState());

    protected override Tensor CoreUnroll(Tensor features, RecurrentState initial) => features;
}
