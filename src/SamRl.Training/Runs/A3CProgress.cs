namespace SamRl.Training;

/// <summary>
/// Where a run stands, as a checkpoint records it (safetensors metadata, JSON): the counters, the last games' returns
/// (so the moving average continues), the best moving average so far, and every actor's state.
/// </summary>
public sealed record A3CProgress
{
    public long Frames { get; init; }

    public long Updates { get; init; }

    public long Games { get; init; }

    public double WallSeconds { get; init; }

    public long EvalEpisodes { get; init; }

    /// <summary>Returns of the last games (at most the window), oldest first.</summary>
    public double[] RecentReturns { get; init; } = [];

    /// <summary>The best full-window moving average reached, or null before the window first filled.</summary>
    public double? BestMovingAverage { get; init; }

    public long BestAtGames { get; init; }

    public ActorState[] Actors { get; init; } = [];
}
