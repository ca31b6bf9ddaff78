using SamRl.Memory;
using SamRl.Torch;

namespace SamRl.Agents;

/// <summary>
/// The LSTM baseline agent (upstream A3Clstm, which the authors compare against): encoder → LSTMCell(F→512) →
/// critic Linear(512→1) / actor Linear(512→A). State: h, c [B, hidden], zeros at episode start.
/// </summary>
public sealed class LstmAgent : ActorCritic
{
    private readonly LstmCore _lstm;

    public LstmAgent(Encoder encoder, int actionCount, long hidden = 512, Generator? generator = null)
        : base(encoder, actionCount)
    {
        RegisterEncoder();
        _lstm = RegisterModule("lstm", new LstmCore(encoder.OutputSize, hidden, true, generator: generator));
        RegisterHeads(hidden, generator);
    }

    public override string Kind => AgentFactory.Lstm;

    public LstmCore Lstm => _lstm;

    public override RecurrentState InitialState(long batch) => _lstm.InitialState(batch);

    protected override (Tensor hidden, RecurrentState state) CoreStep(Tensor features, RecurrentState state) => _lstm.Step(features, state);

    // One native sequence op: the input GEMM and the weight-gradient GEMM run over all T steps at once.
    protected override Tensor CoreUnroll(Tensor features, RecurrentState initial)
    {
        var (outputs, last) = _lstm.Unroll(features, initial);
        return outputs;
    }
}
