using SamRl.Envs.Spaces;

namespace SamRl.Envs.Tests.Wrappers;

/// <summary>
/// A scripted frame-level env for wrapper tests: frame t (t = 0 at reset) is filled with a value from
/// <see cref="Pixel"/>, rewards and lives come from functions of t, and it terminates at <see cref="EndFrame"/>.
/// Actions are recorded.
/// </summary>
internal sealed class FakeEnv : IEnv
{
    private readonly byte[] frame;
    private readonly int[] shape;

    public FakeEnv(int height = 4, int width = 4, int channels = 3, IReadOnlyList<string>? meanings = null)
    {
        shape = [height, width, channels];
        frame = new byte[height * width * channels];
        ActionMeanings = meanings ?? ["NOOP", "FIRE", "RIGHT", "LEFT"];
        ActionSpace = new Discrete(ActionMeanings.Count);
        ObservationSpace = Box.Image(shape);
    }

    public Func<long, byte> Pixel { get; set; } = t => (byte)(t * 10 % 256);

    public Func<long, float> RewardAt { get; set; } = _ => 0;

    public Func<long, int> LivesAt { get; set; } = _ => 0;

    public long EndFrame { get; set; } = long.MaxValue;

    public long Frame { get; private set; }

    public int Resets { get; private set; }

    public List<int> Actions { get; } = [];

    public List<int?> ResetSeeds { get; } = [];

    public int Draws { get; private set; }

    public Discrete ActionSpace { get; }

    public Box ObservationSpace { get; }

    public IReadOnlyList<string> ActionMeanings { get; }

    public IEnv Unwrapped => this;

    public (Observation Observation, Info Info) Reset(int? seed = null)
    {
        Frame = 0;
        Resets++;
        ResetSeeds.Add(seed);
        return (Observe(), Info());
    }

    public StepResult Step(int action, bool observe = true)
    {
        Actions.Add(action);
        Frame++;
        return new StepResult(observe ? Observe() : Observation.Empty, RewardAt(Frame), Frame >= EndFrame, false, Info());
    }

    public Observation Observe()
    {
        Draws++;
        Array.Fill(frame, Pixel(Frame));
        return new Observation(frame, shape);
    }

    public byte[] Render() => (byte[])Observe().Bytes.Clone();

    public void Dispose()
    {
    }

    private Info Info() => new(LivesAt(Frame), Frame, Frame);
}
