namespace SamRl.Envs;

/// <summary>One finished game: its unclipped return and its length in emulator frames (ale-py's info["episode"] r and l).</summary>
public readonly record struct EpisodeStatistics(double Return, long Frames);
