using SamRl.Envs.Wrappers;

namespace SamRl.Envs.Memory;

/// <summary>
/// The T-maze memory task (Bakker 2002): a corridor of <see cref="Length"/> cells ending in a junction. The first cell
/// shows a cue, up or down; the corridor cells all look alike; at the junction the agent must turn the way the cue
/// said. Observation [cue up, cue down, corridor, junction] (one-hot). Actions: FORWARD, UP, DOWN; UP or DOWN in the
/// corridor is a wasted step; FORWARD at the junction does nothing. Turning at the junction ends the episode: +1
/// the cued way, −1 the other; an episode that runs past 4·length + 10 steps is truncated with 0. Only memory of the
/// first observation tells the way, so a feed-forward agent can do no better than 50%.
/// </summary>
public sealed class TMazeEnv : VectorEnv
{
    public static readonly IReadOnlyList<string> Meanings = ["FORWARD", "UP", "DOWN"];

    private const ulong Stream = 0x544D415A; // "TMAZ"
    private Random? _rng;
    private int _position;
    private bool _cueUp, _over = true;

    public TMazeEnv(int length)
        : base(3, Meanings, 4, 0, 1)
    {
        if (length < 1 || length > 10_000) throw new ArgumentException($"tmaze length must be between 1 and 10000, got {length}");
        Length = length;
    }

    /// <summary>Corridor cells from the cue to the junction (the agent needs this many FORWARDs).</summary>
    public int Length { get; }

    public long StepLimit => (4L * Length) + 10;

    public bool CueUp => _cueUp;

    public override (Observation Observation, Info Info) Reset(int? seed = null)
    {
        _rng = Seeding.Reseed(_rng, seed, Stream);
        _cueUp = _rng.Next(2) == 0;
        _position = 0;
        EpisodeSteps = 0;
        _over = false;
        return (Observe(), Info());
    }

    public override StepResult Step(int action, bool observe = true)
    {
        if ((uint)action >= 3) throw new ArgumentOutOfRangeException(nameof(action), action, "the T-maze has actions 0 (forward), 1 (up), 2 (down)");
        if (_over) return new StepResult(Observe(), 0, true, false, Info());
        EpisodeSteps++;
        TotalSteps++;
        float reward = 0;
        bool terminated = false;
        if (_position == Length && action != 0)
        {
            reward = (action == 1) == _cueUp ? 1 : -1;
            terminated = true;
        }
        else if (_position < Length && action == 0)
        {
            _position++;
        }

        bool truncated = !terminated && EpisodeSteps >= StepLimit;
        _over = terminated || truncated;
        return new StepResult(observe ? Observe() : Observation.Empty, reward, terminated, truncated, Info());
    }

    public override Observation Observe()
    {
        Array.Clear(Obs);
        if (_position == 0) Obs[_cueUp ? 0 : 1] = 1;
        else if (_position < Length) Obs[2] = 1;
        else Obs[3] = 1;
        return new Observation(Obs, Shape);
    }

    /// <summary>The corridor as a row of cells (the agent white, the junction's arms green/red by the cue).</summary>
    public override byte[] Render()
    {
        var screen = NewScreen();
        int cells = Length + 1, cell = Math.Max(1, ScreenWidth / cells);
        void Fill(int cx, int cy, byte r, byte g, byte b) =>
            FillRect(screen, cx * cell, 100 + (cy * cell), (cx + 1) * cell, 100 + ((cy + 1) * cell), r, g, b);

        for (int c = 0; c < cells; c++) Fill(c, 0, 60, 60, 60);
        Fill(Length, -1, _cueUp ? (byte)60 : (byte)200, _cueUp ? (byte)200 : (byte)60, 60);
        Fill(Length, 1, _cueUp ? (byte)200 : (byte)60, _cueUp ? (byte)60 : (byte)200, 60);
        Fill(_position, 0, 236, 236, 236);
        return screen;
    }
}
