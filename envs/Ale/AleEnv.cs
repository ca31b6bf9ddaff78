using SamRl.Envs.Spaces;

namespace SamRl.Envs.Ale;

/// <summary>
/// A real Atari 2600 game through the Arcade Learning Environment (ALE's C++ ALEInterface, via the samale shim).
/// Semantics follow ale-py's AtariEnv: terminated = game over, truncated = ALE's frame cap, info has lives and
/// frame numbers, Reset(seed) re-seeds ALE and reloads the ROM. The ROM is checked before ALE sees it, because
/// ALE's loadROM exits the process on a file it cannot use.
/// </summary>
public sealed unsafe class AleEnv : IEnv
{
    /// <summary>ALE's 18 actions, indexed by ALE action id.</summary>
    public static readonly IReadOnlyList<string> AllActionNames =
    [
        "NOOP", "FIRE", "UP", "RIGHT", "LEFT", "DOWN", "UPRIGHT", "UPLEFT", "DOWNRIGHT", "DOWNLEFT",
        "UPFIRE", "RIGHTFIRE", "LEFTFIRE", "DOWNFIRE", "UPRIGHTFIRE", "UPLEFTFIRE", "DOWNRIGHTFIRE", "DOWNLEFTFIRE",
    ];

    private readonly byte[] err = new byte[AleNative.ErrorLength];
    private readonly int[] actionIds;
    private readonly byte[] screen;
    private readonly int[] shape;
    private nint handle;
    private bool screenCurrent;

    public AleEnv(string romPath, AleEnvOptions? options = null)
    {
        Options = options ?? new AleEnvOptions();
        if (Options.FrameSkip < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.FrameSkip, "ALE frame_skip must be >= 1 (use the MaxAndSkip wrapper for the paper's 0)");
        }

        if (!(Options.RepeatActionProbability >= 0 && Options.RepeatActionProbability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.RepeatActionProbability, "repeat_action_probability must be in [0, 1]");
        }

        AleLibrary.EnsureLoaded();
        RomPath = Path.GetFullPath(romPath);
        Game = CheckRom(RomPath);
        AleNative.SetLoggerMode(2);
        fixed (byte* e = err)
        {
            AleNative.Check(AleNative.Create(out handle, e, err.Length), e, "creating ALE");
        }

        try
        {
            Load(Options.Seed);
            actionIds = ReadInts(Options.FullActionSpace ? 0 : 1, AleNative.ActionSet);
            fixed (byte* e = err)
            {
                AleNative.Check(AleNative.ScreenSize(handle, out int width, out int height, e, err.Length), e, "reading the screen size");
                int channels = Options.ObservationType == AleObservationType.Rgb ? 3 : 1;
                shape = [height, width, channels];
                screen = new byte[height * width * channels];
            }
        }
        catch
        {
            Dispose();
            throw;
        }

        ActionSpace = new Discrete(actionIds.Length);
        ObservationSpace = Box.Image(shape);
        ActionMeanings = actionIds.Select(id => id >= 0 && id < AllActionNames.Count ? AllActionNames[id] : $"ACTION{id}").ToArray();
        AvailableModes = ReadInts(0, (nint h, int _, int* o, int c, out int n, byte* e, int l) => AleNative.Modes(h, o, c, out n, e, l));
        AvailableDifficulties = ReadInts(0, (nint h, int _, int* o, int c, out int n, byte* e, int l) => AleNative.Difficulties(h, o, c, out n, e, l));
    }

    private delegate int IntListReader(nint handle, int flag, int* output, int capacity, out int count, byte* err, int errLength);

    public AleEnvOptions Options { get; }

    public string RomPath { get; }

    /// <summary>The game id ALE knows the ROM by, e.g. "pong" or "tetris".</summary>
    public string Game { get; }

    public IReadOnlyList<int> AvailableModes { get; }

    public IReadOnlyList<int> AvailableDifficulties { get; }

    /// <summary>ALE action ids of this env's actions (the minimal or the full set).</summary>
    public IReadOnlyList<int> ActionIds => actionIds;

    public Discrete ActionSpace { get; }

    public Box ObservationSpace { get; }

    public IReadOnlyList<string> ActionMeanings { get; }

    public IEnv Unwrapped => this;

    /// <summary>Checks that ALE can load the file (exists, plausible size, a game ALE supports) and returns its game id.</summary>
    public static string CheckRom(string romPath)
    {
        AleLibrary.EnsureLoaded();
        byte* name = stackalloc byte[128];
        byte* e = stackalloc byte[AleNative.ErrorLength];
        if (AleNative.CheckRom(romPath, name, 128, e, AleNative.ErrorLength) != 0)
        {
            throw new AleException(AleNative.Utf8(e));
        }

        return AleNative.Utf8(name);
    }

    public (Observation Observation, Info Info) Reset(int? seed = null)
    {
        ThrowIfDisposed();
        if (seed.HasValue)
        {
            Load(seed.Value);
        }
        else
        {
            fixed (byte* e = err)
            {
                AleNative.Check(AleNative.Reset(handle, e, err.Length), e, "reset");
            }
        }

        screenCurrent = false;
        var (_, _, info) = ReadStatus();
        return (Observe(), info);
    }

    public StepResult Step(int action, bool observe = true)
    {
        ThrowIfDisposed();
        if ((uint)action >= (uint)actionIds.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, $"this game has actions 0..{actionIds.Length - 1}");
        }

        int reward;
        fixed (byte* e = err)
        {
            AleNative.Check(AleNative.Act(handle, actionIds[action], 1f, out reward, e, err.Length), e, "act");
        }

        screenCurrent = false;
        var (terminated, truncated, info) = ReadStatus();
        return new StepResult(observe ? Observe() : Observation.Empty, reward, terminated, truncated, info);
    }

    public Observation Observe()
    {
        ThrowIfDisposed();
        if (!screenCurrent)
        {
            fixed (byte* e = err)
            fixed (byte* s = screen)
            {
                int status = Options.ObservationType == AleObservationType.Rgb
                    ? AleNative.ScreenRgb(handle, s, screen.Length, e, err.Length)
                    : AleNative.ScreenGrayscale(handle, s, screen.Length, e, err.Length);
                AleNative.Check(status, e, "reading the screen");
            }

            screenCurrent = true;
        }

        return new Observation(screen, shape);
    }

    public byte[] Render()
    {
        ThrowIfDisposed();
        var rgb = new byte[shape[0] * shape[1] * 3];
        fixed (byte* e = err)
        fixed (byte* s = rgb)
        {
            AleNative.Check(AleNative.ScreenRgb(handle, s, rgb.Length, e, err.Length), e, "reading the screen");
        }

        return rgb;
    }

    /// <summary>The console's 128 bytes of RAM.</summary>
    public byte[] Ram()
    {
        ThrowIfDisposed();
        var ram = new byte[128];
        fixed (byte* e = err)
        fixed (byte* r = ram)
        {
            AleNative.Check(AleNative.Ram(handle, r, ram.Length, out _, e, err.Length), e, "reading RAM");
        }

        return ram;
    }

    public void Dispose()
    {
        if (handle != 0)
        {
            AleNative.Destroy(handle);
            handle = 0;
        }

        GC.SuppressFinalize(this);
    }

    // The settings only take effect on loadROM, which also resets the console (ale-py's load_game).
    private void Load(int seed)
    {
        fixed (byte* e = err)
        {
            AleNative.Check(AleNative.SetInt(handle, "random_seed", seed, e, err.Length), e, "setting random_seed");
            AleNative.Check(AleNative.SetFloat(handle, "repeat_action_probability", Options.RepeatActionProbability, e, err.Length), e, "setting repeat_action_probability");
            AleNative.Check(AleNative.SetInt(handle, "frame_skip", Options.FrameSkip, e, err.Length), e, "setting frame_skip");
            AleNative.Check(AleNative.SetInt(handle, "max_num_frames_per_episode", Options.MaxFramesPerEpisode, e, err.Length), e, "setting max_num_frames_per_episode");
            AleNative.Check(AleNative.LoadRom(handle, RomPath, e, err.Length), e, "loading the ROM");
            if (Options.Mode.HasValue)
            {
                AleNative.Check(AleNative.SetMode(handle, Options.Mode.Value, e, err.Length), e, $"setting mode {Options.Mode}");
            }

            if (Options.Difficulty.HasValue)
            {
                AleNative.Check(AleNative.SetDifficulty(handle, Options.Difficulty.Value, e, err.Length), e, $"setting difficulty {Options.Difficulty}");
            }

            AleNative.Check(AleNative.Reset(handle, e, err.Length), e, "reset");
        }
    }

    private (bool Terminated, bool Truncated, Info Info) ReadStatus()
    {
        fixed (byte* e = err)
        {
            AleNative.Check(AleNative.Status(handle, out int terminated, out int truncated, out int lives, out int frame, out int episodeFrame, e, err.Length), e, "reading the game state");
            return (terminated != 0, truncated != 0, new Info(lives, episodeFrame, frame));
        }
    }

    private int[] ReadInts(int flag, IntListReader read)
    {
        int* values = stackalloc int[64];
        fixed (byte* e = err)
        {
            AleNative.Check(read(handle, flag, values, 64, out int count, e, err.Length), e, "reading a list from ALE");
            return new ReadOnlySpan<int>(values, Math.Min(count, 64)).ToArray();
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(handle == 0, this);
}
