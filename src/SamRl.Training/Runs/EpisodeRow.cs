namespace SamRl.Training;

/// <summary>One row of episodes.csv: a finished game.</summary>
public readonly record struct EpisodeRow(long Game, double WallSeconds, long Frames, long Updates, int Actor, double Return, long Length);
