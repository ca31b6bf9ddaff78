namespace SamRl.Envs.Ale;

/// <summary>
/// Settings of one ALE instance (ale-py's AtariEnv arguments). The defaults are the raw game as pong-facts.md
/// measured it: one frame per step, no sticky actions, minimal action set, default mode and difficulty.
/// </summary>
public sealed record AleEnvOptions
{
    /// <summary>ALE's own frame_skip (frames per act, rewards summed, no max-pool). Prefer the MaxAndSkip wrapper.</summary>
    public int FrameSkip { get; init; } = 1;

    /// <summary>ALE's repeat_action_probability: sticky actions, decided per frame inside the emulator.</summary>
    public float RepeatActionProbability { get; init; }

    /// <summary>All 18 actions instead of the game's minimal set.</summary>
    public bool FullActionSpace { get; init; }

    /// <summary>Game mode; null = the game's default.</summary>
    public int? Mode { get; init; }

    /// <summary>Difficulty; null = the game's default.</summary>
    public int? Difficulty { get; init; }

    /// <summary>ALE's max_num_frames_per_episode: a truncation (not a termination) after that many frames; 0 = none.</summary>
    public int MaxFramesPerEpisode { get; init; }

    public AleObservationType ObservationType { get; init; } = AleObservationType.Rgb;

    /// <summary>ALE's random_seed before the first reset (a Reset(seed) replaces it).</summary>
    public int Seed { get; init; }
}
