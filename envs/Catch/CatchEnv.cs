using SamRl.Envs.Wrappers;

namespace SamRl.Envs.Catch;

/// <summary>
/// Catch (Mnih et al. 2014's toy): a ball falls one row per step from a random column of a <see cref="Width"/>×<see cref="Height"/>
/// grid; the agent moves a paddle on the bottom row (NOOP, LEFT, RIGHT) and gets +1 for catching it, −1 for missing,
/// after which the episode ends (Height − 1 steps). Observations are the grid as a vector (1 at the ball and at the
/// paddle). It is small and quick to learn: the trainer's own tests use it, and a random policy scores about −0.6.
/// </summary>
public sealed class CatchEnv : VectorEnv
{
    public static readonly IReadOnlyList<string> Meanings = ["NOOP", "LEFT", "RIGHT"];

    private const ulong Stream = 0x43415443; // "CATC"
    private Random? _rng;
    private int _ballX, _ballY, _paddle;
    private bool _over = true;

    public CatchEnv(int width = 5, int height = 5)
        : base(3, Meanings, Checked(width, height), 0, 1)
    {
        Width = width;
        Height = height;
    }

    private static int Checked(int width, int height) =>
        width < 2 || height < 2 || width > 40 || height > 50 ? throw new ArgumentException($"catch grid must be between 2x2 and 40x50, got {width}x{height}") : width * height;

    public int Width { get; }

    public int Height { get; }

    public override (Observation Observation, Info Info) Reset(int? seed = null)
    {
        _rng = Seeding.Reseed(_rng, seed, Stream);
        _ballX = _rng.Next(Width);
        _ballY = 0;
        _paddle = Width / 2;
        EpisodeSteps = 0;
        _over = false;
        return (Observe(), Info());
    }

    public override StepResult Step(int action, bool observe = true)
    {
        if ((uint)action >= 3) throw new ArgumentOutOfRangeException(nameof(action), action, "Catch has actions 0..2");
        if (_over) return new StepResult(Observe(), 0, true, false, Info());
        _paddle = Math.Clamp(_paddle + (action == 1 ? -1 : action == 2 ? 1 : 0), 0, Width - 1);
        _ballY++;
        EpisodeSteps++;
        TotalSteps++;
        float reward = 0;
        if (_ballY == Height - 1)
        {
            reward = _ballX == _paddle ? 1 : -1;
            _over = true;
        }

        return new StepResult(observe ? Observe() : Observation.Empty, reward, _over, false, Info());
    }

    public override Observation Observe()
    {
        Array.Clear(Obs);
        Obs[(_ballY * Width) + _ballX] = 1;
        Obs[((Height - 1) * Width) + _paddle] = 1;
        return new Observation(Obs, Shape);
    }

    /// <summary>The grid drawn on a 210×160 RGB screen: white ball, green paddle, each cell a block.</summary>
    public override byte[] Render()
    {
        var screen = NewScreen();
        int cell = Math.Min(ScreenHeight / Height, ScreenWidth / Width);
        void Fill(int cx, int cy, byte r, byte g, byte b) => FillRect(screen, cx * cell, cy * cell, (cx + 1) * cell, (cy + 1) * cell, r, g, b);

        Fill(_ballX, _ballY, 236, 236, 236);
        Fill(_paddle, Height - 1, 92, 186, 92);
        return screen;
    }
}
