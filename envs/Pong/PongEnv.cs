using SamRl.Envs.Spaces;

namespace SamRl.Envs.Pong;

/// <summary>
/// The built-in Atari Pong: one <see cref="Step"/> is one emulator frame (like ALE with frame_skip 1 and
/// no sticky actions), observations are the 210x160x3 RGB screen, the agent is the right (green) paddle.
/// An episode ends when a side reaches 21. The game is deterministic: the reset seed changes nothing here
/// and only matters to the wrappers and policies above it.
/// </summary>
public sealed class PongEnv : IEnv
{
    public static readonly IReadOnlyList<string> Meanings = ["NOOP", "FIRE", "RIGHT", "LEFT", "RIGHTFIRE", "LEFTFIRE"];

    private static readonly int[] ScreenShape = [PongLayout.Height, PongLayout.Width, PongLayout.Channels];

    private readonly PongScreen screen = new();
    private long totalFrames;
    private long drawnFrame = -1;

    public PongEnv()
    {
        ActionSpace = new Discrete(Meanings.Count);
        ObservationSpace = Box.Image(ScreenShape);
    }

    /// <summary>The game state (RAM-level positions, scores), for inspection and tests.</summary>
    public PongGame Game { get; } = new();

    public Discrete ActionSpace { get; }

    public Box ObservationSpace { get; }

    public IReadOnlyList<string> ActionMeanings => Meanings;

    public IEnv Unwrapped => this;

    public (Observation Observation, Info Info) Reset(int? seed = null)
    {
        Game.Reset();
        screen.Invalidate();
        drawnFrame = -1;
        return (Observe(), CurrentInfo());
    }

    public StepResult Step(int action, bool observe = true)
    {
        if ((uint)action >= (uint)Meanings.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, $"Pong has actions 0..{Meanings.Count - 1}");
        }

        // Past the end of a game ALE keeps showing the final frame; so do we, with no further reward.
        int reward = 0;
        if (!Game.GameOver)
        {
            reward = Game.Advance((PongAction)action);
            totalFrames++;
        }

        return new StepResult(observe ? Observe() : Observation.Empty, reward, Game.GameOver, false, CurrentInfo());
    }

    public Observation Observe()
    {
        if (drawnFrame != Game.EpisodeFrame)
        {
            screen.Draw(Game);
            drawnFrame = Game.EpisodeFrame;
        }

        return new Observation(screen.Pixels, ScreenShape);
    }

    public byte[] Render() => (byte[])Observe().Bytes.Clone();

    public void Dispose()
    {
    }

    private Info CurrentInfo() => new(0, Game.EpisodeFrame, totalFrames);
}
