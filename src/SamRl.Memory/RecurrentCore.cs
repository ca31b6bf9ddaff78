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

    /// <summary>
    /// A whole sequence whose inputs are all known up front (xs [T, B, InputSize], as in the supervised tasks): the
    /// outputs of steps <paramref name="readFrom"/>..T−1 stacked as [T − readFrom, B, OutputSize], and the final
    /// state. Steps before <paramref name="readFrom"/> only <see cref="Advance"/>. Cores with a sequence kernel
    /// (<see cref="LstmCore"/>) override it; the result equals the step-by-step one up to rounding.
    /// </summary>
    public virtual (Tensor outputs, RecurrentState state) Unroll(Tensor xs, RecurrentState state, long readFrom = 0)
    {
        long steps = CheckUnroll(xs, readFrom);
        for (long t = 0; t < readFrom; t++) state = Advance(xs.select(0, t), state);
        var outs = new List<Tensor>();
        for (long t = readFrom; t < steps; t++)
        {
            var (y, next) = Step(xs.select(0, t), state);
            state = next;
            outs.Add(y);
        }
        return (torch.stack(outs, 0), state);
    }

    /// <summary>Checks <see cref="Unroll"/>'s arguments; returns T.</summary>
    protected long CheckUnroll(Tensor xs, long readFrom)
    {
        var s = xs.shape;
        if (s.Length != 3 || s[2] != InputSize) throw new ArgumentException($"{GetType().Name}.Unroll: xs must be (T, B, {InputSize}), got {xs.ShapeString()}");
        if (readFrom < 0 || readFrom >= s[0]) throw new ArgumentException($"{GetType().Name}.Unroll: readFrom must be in [0, {s[0] - 1}] for {s[0]} steps, got {readFrom}");
        return s[0];
    }
}
