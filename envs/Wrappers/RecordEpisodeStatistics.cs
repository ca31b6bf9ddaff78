namespace SamRl.Envs.Wrappers;

/// <summary>
/// Adds the unclipped return and the length in frames of each finished game to the Info of its last step
/// (Gymnasium RecordEpisodeStatistics, CleanRL's charts/episodic_return). Place it below reward clipping and
/// EpisodicLife so it sees whole games and real rewards.
/// </summary>
public sealed class RecordEpisodeStatistics : Wrapper
{
    private double episodeReturn;

    public RecordEpisodeStatistics(IEnv env)
        : base(env)
    {
    }

    public EpisodeStatistics? LastEpisode { get; private set; }

    public long EpisodesFinished { get; private set; }

    public override (Observation Observation, Info Info) Reset(int? seed = null)
    {
        episodeReturn = 0;
        return Env.Reset(seed);
    }

    public override StepResult Step(int action, bool observe = true)
    {
        StepResult r = Env.Step(action, observe);
        episodeReturn += r.Reward;
        if (!r.Done)
        {
            return r;
        }

        var stats = new EpisodeStatistics(episodeReturn, r.Info.EpisodeFrameNumber);
        LastEpisode = stats;
        EpisodesFinished++;
        episodeReturn = 0;
        return r with { Info = r.Info with { Episode = stats } };
    }
}
