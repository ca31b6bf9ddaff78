using SamRl.Envs.Spaces;

namespace SamRl.Envs.Tests.Wrappers;

/// <summary>An env whose every observation is one fixed byte array.</summary>
internal sealed class ArrayEnv(byte[] frame, int[] shape) : IEnv
{
    public Discrete ActionSpace { get; } = new(2);

    public Box ObservationSpace { get; } = Box.Image(shape);

    public IReadOnlyList<string> ActionMeanings { get; } = ["NOOP", "FIRE"];

    public IEnv Unwrapped => this;

    public (Observation Observation, Info Info) Reset(int? seed = null) => (Observe(), default);

    public StepResult Step(int action, bool observe = true) => new(observe ? Observe() : Observation.Empty, 0, false, false, default);

    public Observation Observe() => new(frame, shape);

    public byte[] Render() => (byte[])frame.Clone();

    public void Dispose()
    {
    }
}
