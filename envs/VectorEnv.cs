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

    /// <summary>Rows and columns of the RGB screen <see cref="Render"/> draws on (the Atari frame size, so watch and video treat all envs alike).</summary>
    protected const int ScreenHeight = 210, ScreenWidth = 160;

    protected static byte[] NewScreen() => new byte[ScreenHeight * ScreenWidth * 3];

    /// <summary>Paints the rectangle [x0, x1) × [y0, y1) of <paramref name="screen"/>, clipped to the screen.</summary>
    protected static void FillRect(byte[] screen, int x0, int y0, int x1, int y1, byte r, byte g, byte b)
    {
        for (int y = Math.Max(0, y0); y < Math.Min(ScreenHeight, y1); y++)
            for (int x = Math.Max(0, x0); x < Math.Min(ScreenWidth, x1); x++)
            {
                int i = ((y * ScreenWidth) + x) * 3;
                (screen[i], screen[i + 1], screen[i + 2]) = (r, g, b);
            }
    }

    public virtual void Dispose()
    {
    }

    protected Info Info() => new(0, EpisodeSteps, TotalSteps);
}
