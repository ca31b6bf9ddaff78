namespace SamRl.Training;

/// <summary>A snapshot of a running training for progress displays.</summary>
public readonly record struct A3CStatus(long Frames, long FrameBudget, long Updates, long Games, double MovingAverage, int WindowCount,
    double FramesPerSecond, double WallSeconds, double? EtaSeconds, double? BestMovingAverage);
