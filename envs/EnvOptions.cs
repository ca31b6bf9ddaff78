using SamRl.Envs.Wrappers;

namespace SamRl.Envs;

/// <summary>
/// Everything <see cref="EnvFactory"/> needs to build an environment stack. The defaults are the authors' Pong
/// setup (rl/environment.py): frame skip 4, 1-30 no-op starts, episodic life, fire reset, 80x80 gray crop,
/// running normalisation, one frame, rewards clipped; plus ALE's customary 108,000-frame cap.
/// </summary>
public sealed record EnvOptions
{
    /// <summary>Agent frame skip k: each action repeats for k frames. 0 and 1 both mean every frame (the paper's "0").</summary>
    public int FrameSkip { get; init; } = 4;

    public MaxPooling MaxPool { get; init; } = MaxPooling.LastTwo;

    /// <summary>NOOP starts drawn from 1..NoopMax; 0 = none.</summary>
    public int NoopMax { get; init; } = 30;

    /// <summary>Sticky-action probability (ALE's repeat_action_probability), applied per frame.</summary>
    public double StickyActionProbability { get; init; }

    public bool EpisodicLife { get; init; } = true;

    public bool FireReset { get; init; } = true;

    /// <summary>80 (the authors' crop + mean gray, 1x80x80), 84 (SB3's WarpFrame, 1x84x84), or 0 for the raw 210x160x3 screen.</summary>
    public int ScreenSize { get; init; } = 80;

    /// <summary>The authors' running observation normalisation (needs ScreenSize 80 or 84).</summary>
    public bool Normalize { get; init; } = true;

    /// <summary>Observations stacked along the channel axis; 1 = none (the authors' setting).</summary>
    public int FrameStack { get; init; } = 1;

    public bool ClipReward { get; init; } = true;

    /// <summary>Emulator frames after which an episode is truncated; 0 = no cap. The authors used 10000 x FrameSkip.</summary>
    public long MaxFrames { get; init; } = 108_000;

    /// <summary>Adds the unclipped game return and length to the Info of a game's last step.</summary>
    public bool RecordStatistics { get; init; } = true;

    // ALE only.

    /// <summary>ROM file for "ale:&lt;game&gt;" (else $ALE_ROMS_DIR or an installed ale-py's roms folder).</summary>
    public string? RomPath { get; init; }

    public bool FullActionSpace { get; init; }

    public int? Mode { get; init; }

    public int? Difficulty { get; init; }

    /// <summary>The game with nothing around it: every frame, raw RGB screen, real rewards, no cap.</summary>
    public static EnvOptions Raw { get; } = new()
    {
        FrameSkip = 1,
        MaxPool = MaxPooling.None,
        NoopMax = 0,
        EpisodicLife = false,
        FireReset = false,
        ScreenSize = 0,
        Normalize = false,
        ClipReward = false,
        MaxFrames = 0,
        RecordStatistics = false,
    };

    /// <summary>Throws an ArgumentException naming the first invalid setting.</summary>
    public void Validate()
    {
        if (FrameSkip < 0)
        {
            throw new ArgumentException($"frame skip must be >= 0 (0 and 1 mean every frame), got {FrameSkip}");
        }

        if (NoopMax < 0)
        {
            throw new ArgumentException($"noop max must be >= 0, got {NoopMax}");
        }

        if (!(StickyActionProbability >= 0 && StickyActionProbability <= 1))
        {
            throw new ArgumentException($"sticky action probability must be in [0, 1], got {StickyActionProbability}");
        }

        if (ScreenSize is not (0 or 80 or 84))
        {
            throw new ArgumentException($"screen size must be 80, 84 or 0 (raw), got {ScreenSize}");
        }

        if (Normalize && ScreenSize == 0)
        {
            throw new ArgumentException("normalisation needs a preprocessed screen (screen size 80 or 84)");
        }

        if (FrameStack < 1)
        {
            throw new ArgumentException($"frame stack must be >= 1, got {FrameStack}");
        }

        if (MaxFrames < 0)
        {
            throw new ArgumentException($"max frames must be >= 0 (0 = no cap), got {MaxFrames}");
        }
    }
}
