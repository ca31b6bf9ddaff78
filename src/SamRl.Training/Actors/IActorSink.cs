using SamRl.Envs;

namespace SamRl.Training;

/// <summary>Where an actor reports what its environments did while it collects (the run's counters and logs).</summary>
public interface IActorSink
{
    /// <summary>Emulator frames just played by one environment.</summary>
    void Frames(long count);

    /// <summary>A game ended: its unclipped return and its length in frames.</summary>
    void EpisodeEnded(int actor, EpisodeStatistics episode);
}
