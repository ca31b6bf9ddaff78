namespace SamRl.Training;

/// <summary>How a training session ended.</summary>
public sealed record A3CResult(long Frames, long Updates, long Games, double WallSeconds, double SessionSeconds, double MovingAverage, double? BestMovingAverage, bool Stopped);
