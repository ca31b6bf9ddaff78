using SamRl.Memory;
using SamRl.Torch;

namespace SamRl.Agents;

/// <summary>
/// The authors' STM-augmented agent (A3CSAM): encoder → LSTMCell(F→256) = h2 → STM_rl(256→256) on h2 = y →
/// cat[y, h2] (512) → critic Linear(512→1) / actor Linear(512→A). The LSTM sits before the STM and does not read
/// it, so over a rollout the LSTM unrolls as one sequence op and only the STM is stepped. The STM is the RL preset
/// (<see cref="StmOptions.RlReference"/>): its only recurrent state is the item memory Mi, which starts each
/// episode as the learned <c>item_memory_state_bias</c>. State: h, c [B, 256] (LSTM), Mi [B, d, d].
/// </summary>
public sealed class StmAgent : ActorCritic
{
    private readonly StmCell _sam;
    private readonly LstmCore _lstm;

    public StmAgent(Encoder encoder, int actionCount, long lstmHidden = 256, long stmOutput = 256, StmOptions? stm = null, Generator? generator = null)
        : base(encoder, actionCount)
    {
        RegisterEncoder();
        _sam = RegisterModule("sam", new StmCell(lstmHidden, stmOutput, stm ?? StmOptions.RlReference, generator: generator));
        _lstm = RegisterModule("lstm", new LstmCore(encoder.OutputSize, lstmHidden, true, generator: generator));
        RegisterHeads(stmOutput + lstmHidden, generator);
    }

    public override string Kind => AgentFactory.Stm;

    public StmCell Sam => _sam;

    public LstmCore Lstm => _lstm;

    public override RecurrentState InitialState(long batch)
    {
        using var scope = torch.NewDisposeScope();
        var lstm = _lstm.InitialState(batch);
        var mi = _sam.InitialState(batch)["Mi"];
        var state = new RecurrentState(("h", lstm["h"]), ("c", lstm["c"]), ("Mi", mi));
        return state.MoveToOuter(scope);
    }

    protected override (Tensor hidden, RecurrentState state) CoreStep(Tensor features, RecurrentState state)
    {
        using var scope = torch.NewDisposeScope();
        var (h2, lstm) = _lstm.Step(features, new RecurrentState(("h", state["h"]), ("c", state["c"])));
        var (y, stm) = _sam.Step(h2, new RecurrentState(("Mi", state["Mi"])));
        var hidden = torch.cat([y, h2], 1);
        var next = new RecurrentState(("h", lstm["h"]), ("c", lstm["c"]), ("Mi", stm["Mi"]));
        scope.MoveToOuter(hidden);
        return (hidden, next.MoveToOuter(scope));
    }

    // Only Mi is recurrent and the STM's output feeds nothing back, so the steps only Advance (memories) and the
    // output path runs once over every step's relational memory: at batch 1 its per-step GEMMs and weight gradients
    // were most of the update's STM time.
    protected override Tensor CoreUnroll(Tensor features, RecurrentState initial)
    {
        using var scope = torch.NewDisposeScope();
        var (hs, _) = _lstm.Unroll(features, new RecurrentState(("h", initial["h"]), ("c", initial["c"])));
        long t = hs.size(0), b = hs.size(1);
        var mi = initial["Mi"];
        var memories = new List<Tensor>((int)t);
        for (long i = 0; i < t; i++)
        {
            var next = _sam.Advance(hs.select(0, i), new RecurrentState(("Mi", mi)));
            mi = next["Mi"];
            memories.Add(next["Mr"]);
        }

        var mr = torch.stack(memories, 0);                                        // [T, B, N, d, d]
        var s = mr.shape;
        var ys = _sam.Output(mr.view([t * b, .. s[2..]])).view(t, b, -1);
        return scope.MoveToOuter(torch.cat([ys, hs], 2));
    }
}
