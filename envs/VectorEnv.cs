using SamRl.Envs.Spaces;

namespace SamRl.Envs;

/// <summary>
/// What the small vector-observation games share: a discrete action space with names, a float observation vector
/// reused between steps, the episode and total step counters, and the Info they report.
/// </summary>
public abstract class VectorEnv : IEnv
{
    protected VectorEnv(int actions, IReadOnlyList<string> meanings, int length, float low, float high)
    {
        Obs = new float[length];
        Shape = [length];
        ActionSpace = new Discrete(actions);
        ObservationSpace = new Box(low, high, Shape, DType.Float32);
        ActionMeanings = meanings;
    }

    public Discrete ActionSpace { get; }

    public Box ObservationSpace { get; }

    public IReadOnlyList<string> ActionMeanings { get; }

    public IEnv Unwrapped => this;

    /// <summary>The observation buffer (what <see cref="Observe"/> fills and returns).</summary>
    protected float[] Obs { get; }

    protected int[] Shape { get; }

    protected long EpisodeSteps { get; set; }

    protected long TotalSteps { get; set; }

    public abstract (Observation Observation, Info Info) Reset(int? seed = null);

    public abstract StepResult Step(int action, bool observe = true);

    public abstract Observation Observe();

    public abstract byte[] Render();

    public virtual void Dispose()
    {
    }

    protected Info Info() => new(0, EpisodeSteps, TotalSteps);
}
