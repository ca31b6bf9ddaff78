using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Agents;

/// <summary>
/// The feed-forward front of an agent: one observation [N, *InputShape] → features [N, OutputSize]. Not a module of
/// its own: its layers are registered directly on the agent (<see cref="Layers"/>) so their names are the authors'
/// top-level ones (<c>conv1.weight</c>, not <c>encoder.conv1.weight</c>).
/// </summary>
public abstract class Encoder
{
    protected Encoder(long[] inputShape) => InputShape = inputShape;

    /// <summary>The shape of one observation.</summary>
    public long[] InputShape { get; }

    public abstract long OutputSize { get; }

    /// <summary>The layers with parameters, by the name the agent registers them under.</summary>
    public abstract IReadOnlyList<(string Name, Module Layer)> Layers { get; }

    /// <summary>x [N, *InputShape] → [N, OutputSize].</summary>
    public abstract Tensor Forward(Tensor x);
}
