using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Memory;

/// <summary>
/// One interface for every recurrent core (StmCell, LstmCore), so agents and tasks pick a core by name.
/// Batch-first: x is [B, InputSize]; the output is [B, OutputSize].
/// </summary>
public abstract class RecurrentCore : Module
{
    public abstract long InputSize { get; }
    public abstract long OutputSize { get; }

    /// <summary>The state at the start of a sequence for a batch of this size (learned initial memories where the core has them).</summary>
    public abstract RecurrentState InitialState(long batch);

    /// <summary>One time step.</summary>
    public abstract (Tensor output, RecurrentState state) Step(Tensor x, RecurrentState state);

    /// <summary>
    /// One time step whose output nobody reads (the input phase of a supervised task): the new state only.
    /// Cores whose output costs work the state does not need (StmCell's output projections) skip it here.
    /// </summary>
    public virtual RecurrentState Advance(Tensor x, RecurrentState state) => Step(x, state).state;
}
