namespace SamRl.Envs;

/// <summary>
/// The per-step info of ale-py (lives, episode_frame_number, frame_number), so frame counting and
/// EpisodicLife behave as in Python. Frame numbers count emulator frames, not agent steps.
/// </summary>
public readonly record struct Info(int Lives, long EpisodeFrameNumber, long FrameNumber)
{
    /// <summary>Set on the step that ends a game, by <see cref="Wrappers.RecordEpisodeStatistics"/>: the unclipped return and length.</summary>
    public EpisodeStatistics? Episode { get; init; }
}
