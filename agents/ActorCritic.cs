using SamRl.Memory;
using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Agents;

/// <summary>
/// An actor-critic network with recurrent state, as the A3C trainer uses it. Observations are batch first:
/// obs [B, *ObservationShape] (e.g. [B, 1, 80, 80]). Two ways to run it, which give the same numbers:
/// <list type="bullet">
/// <item><see cref="Act"/>: one step for a batch of environments (actors call it under no_grad);</item>
/// <item><see cref="Evaluate"/>: a whole rollout for the update, frames [T, B, *ObservationShape]: the encoder, which
/// has no recurrence, runs once over all T·B frames as one batch, then the recurrent part is stepped (or unrolled).</item>
/// </list>
/// Parameter names are the authors' (<c>conv1</c>..<c>conv4</c>, <c>lstm</c>, <c>sam</c>, <c>critic_linear</c>,
/// <c>actor_linear</c>), so their state dict loads.
/// </summary>
public abstract class ActorCritic : Module
{
    protected ActorCritic(Encoder encoder, int actionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(actionCount, 1);
        Encoder = encoder;
        ActionCount = actionCount;
    }

    /// <summary>"lstm", "stm" or "ff": the name <see cref="AgentFactory"/> builds it by.</summary>
    public abstract string Kind { get; }

    public int ActionCount { get; }

    public Encoder Encoder { get; }

    public long[] ObservationShape => Encoder.InputShape;

    /// <summary>The state at the start of an episode for a batch of this size (learned initial memories stay connected to their parameters).</summary>
    public abstract RecurrentState InitialState(long batch);

    /// <summary>One step: obs [B, *ObservationShape] → logits [B, A], value [B], next state.</summary>
    public (Tensor logits, Tensor value, RecurrentState state) Act(Tensor obs, RecurrentState state)
    {
        CheckObservations(obs, 1, "Act");
        using var scope = torch.NewDisposeScope();
        var features = Encoder.Forward(obs);
        var (hidden, next) = CoreStep(features, state);
        var (logits, value) = Heads(hidden);
        scope.MoveToOuter(logits, value);
        next.MoveToOuter(scope);
        return (logits, value, next);
    }

    /// <summary>
    /// A rollout: frames [T, B, *ObservationShape] from <paramref name="initial"/> → logits [T, B, A] and values [T, B].
    /// Equal, value and gradients, to T calls of <see cref="Act"/>.
    /// </summary>
    public (Tensor logits, Tensor values) Evaluate(Tensor frames, RecurrentState initial)
    {
        CheckObservations(frames, 2, "Evaluate");
        var s = frames.shape;
        long t = s[0], b = s[1];
        using var scope = torch.NewDisposeScope();
        var flat = frames.reshape([t * b, .. ObservationShape]);
        var features = Encoder.Forward(flat).view(t, b, Encoder.OutputSize);
        var hidden = CoreUnroll(features, initial);             // [T, B, H]
        var (logits, values) = Heads(hidden.reshape(t * b, hidden.size(2)));
        logits = logits.view(t, b, ActionCount);
        values = values.view(t, b);
        scope.MoveToOuter(logits, values);
        return (logits, values);
    }

    /// <summary>The recurrent part for one step: features [B, F] → hidden [B, H] (what the heads read) and the new state.</summary>
    protected abstract (Tensor hidden, RecurrentState state) CoreStep(Tensor features, RecurrentState state);

    /// <summary>The recurrent part over a sequence: features [T, B, F] → hidden [T, B, H]. Must equal T calls of <see cref="CoreStep"/>.</summary>
    protected abstract Tensor CoreUnroll(Tensor features, RecurrentState initial);

    /// <summary>The critic and actor layers (Linear(H→1), Linear(H→A)): subclasses call this last, as the reference registers them last.</summary>
    protected void RegisterHeads(long hidden, Generator? generator)
    {
        Critic = RegisterModule("critic_linear", new Linear(hidden, 1, generator: generator));
        Actor = RegisterModule("actor_linear", new Linear(hidden, ActionCount, generator: generator));
    }

    /// <summary>Registers the encoder's layers under their own names (the reference's top-level <c>conv1</c>..).</summary>
    protected void RegisterEncoder()
    {
        foreach (var (name, layer) in Encoder.Layers) RegisterModule(name, layer);
    }

    public Linear Critic { get; private set; } = null!;

    public Linear Actor { get; private set; } = null!;

    /// <summary>hidden [N, H] → (logits [N, A], value [N]).</summary>
    private (Tensor logits, Tensor value) Heads(Tensor hidden)
    {
        using var scope = torch.NewDisposeScope();
        var value = Critic.forward(hidden).squeeze(1);
        var logits = Actor.forward(hidden);
        scope.MoveToOuter(logits, value);
        return (logits, value);
    }

    private void CheckObservations(Tensor obs, int leading, string what)
    {
        var s = obs.shape;
        var want = ObservationShape;
        bool ok = s.Length == leading + want.Length && s.AsSpan(leading).SequenceEqual(want);
        if (!ok)
        {
            string lead = leading == 1 ? "B" : "T, B";
            throw new ArgumentException($"{GetType().Name}.{what}: observations must be [{lead}, {string.Join(", ", want)}], got {obs.ShapeString()}");
        }
    }
}
