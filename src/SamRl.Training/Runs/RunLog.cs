using SamRl.Envs;
using SamRl.Runs;
using SamRl.Torch.Utils;

namespace SamRl.Training;

/// <summary>
/// The run's logs, written from every worker thread: episodes.csv (one row per finished game), updates.csv (means
/// over <c>logEvery</c> updates), eval.csv (greedy evaluation games) and TensorBoard scalars under CleanRL's tags
/// (charts/episodic_return and charts/episodic_length against global frames, charts/SPS, losses/*).
/// </summary>
public sealed class RunLog : IActorSink, IDisposable
{
    public const string EpisodesHeader = "game,wall_seconds,frames,updates,actor,return,length";
    public const string UpdatesHeader = "update,wall_seconds,frames,policy_loss,value_loss,entropy,grad_norm,fps,policy_lag";
    public const string EvalHeader = "episode,wall_seconds,frames,updates,return,length";

    private readonly object _lock = new();
    private readonly TrainingCounters _counters;
    private readonly CsvLog _episodes, _updates, _eval;
    private readonly SummaryWriter _tensorBoard;
    private readonly int _logEvery;
    private readonly Func<double> _learningRate;
    private double _policy, _value, _entropy, _gradNorm, _lag;
    private int _pending;
    private long _lastRowFrames;
    private double _lastRowSeconds;
    private long _evalEpisodes;

    public RunLog(A3CRunFolder folder, TrainingCounters counters, int window, int logEvery, Func<double> learningRate, A3CProgress? resumedFrom = null)
    {
        _counters = counters;
        _logEvery = logEvery;
        _learningRate = learningRate;
        long games = resumedFrom?.Games ?? 0, updates = resumedFrom?.Updates ?? 0, frames = resumedFrom?.Frames ?? 0;
        // Rows written after the checkpoint this session resumes from describe a history that is being replayed: cut them.
        _episodes = CsvLog.Open(folder.EpisodesPath, EpisodesHeader, resumedFrom is null ? null : g => g <= games);
        _updates = CsvLog.Open(folder.UpdatesPath, UpdatesHeader, resumedFrom is null ? null : u => u <= updates);
        _eval = CsvLog.Open(folder.EvalPath, EvalHeader, resumedFrom is null ? null : e => e <= (resumedFrom.EvalEpisodes));
        _evalEpisodes = resumedFrom?.EvalEpisodes ?? 0;
        _tensorBoard = new SummaryWriter(folder.Path);
        Returns = new MovingAverage(window, resumedFrom?.RecentReturns);
        _lastRowFrames = frames;
        _lastRowSeconds = counters.WallSeconds;
    }

    /// <summary>Rows cut from episodes.csv, updates.csv and eval.csv when resuming.</summary>
    public (int Episodes, int Updates, int Eval) RowsCut => (_episodes.RowsCut, _updates.RowsCut, _eval.RowsCut);

    /// <summary>The moving average of the last games' returns (read under <see cref="Sync"/> for a consistent copy).</summary>
    public MovingAverage Returns { get; }

    public long EvalEpisodes => Interlocked.Read(ref _evalEpisodes);

    /// <summary>The lock every log write takes: hold it to read several numbers that must agree.</summary>
    public object Sync => _lock;

    /// <summary>Raised (on the worker's thread, under the log's lock) after each game is logged.</summary>
    public event Action<EpisodeRow>? EpisodeLogged;

    public void Frames(long count) => _counters.AddFrames(count);

    public void EpisodeEnded(int actor, EpisodeStatistics episode)
    {
        lock (_lock)
        {
            long game = _counters.NextGame();
            long frames = _counters.Frames;
            var row = new EpisodeRow(game, _counters.WallSeconds, frames, _counters.Updates, actor, episode.Return, episode.Frames);
            _episodes.Append(row.Game, Math.Round(row.WallSeconds, 3), row.Frames, row.Updates, row.Actor, row.Return, row.Length);
            Returns.Add(episode.Return);
            _tensorBoard.add_scalar("charts/episodic_return", episode.Return, frames);
            _tensorBoard.add_scalar("charts/episodic_length", episode.Frames, frames);
            _tensorBoard.add_scalar("charts/moving_average_return", Returns.Value, frames);
            EpisodeLogged?.Invoke(row);
        }
    }

    public void Updated(UpdateStats s)
    {
        lock (_lock)
        {
            _policy += s.Loss.PolicyLoss;
            _value += s.Loss.ValueLoss;
            _entropy += s.Loss.Entropy;
            _gradNorm += s.GradNorm;
            _lag += s.PolicyLag;
            if (++_pending < _logEvery) return;
            FlushUpdates();
        }
    }

    public void Evaluated(double episodeReturn, long length)
    {
        lock (_lock)
        {
            long n = Interlocked.Increment(ref _evalEpisodes);
            long frames = _counters.Frames;
            _eval.Append(n, Math.Round(_counters.WallSeconds, 3), frames, _counters.Updates, episodeReturn, length);
            _tensorBoard.add_scalar("eval/episodic_return", episodeReturn, frames);
        }
    }

    private void FlushUpdates()
    {
        double n = _pending;
        long frames = _counters.Frames;
        double now = _counters.WallSeconds;
        double fps = now > _lastRowSeconds ? (frames - _lastRowFrames) / (now - _lastRowSeconds) : 0;
        long update = _counters.Updates;
        _updates.Append(update, Math.Round(now, 3), frames, _policy / n, _value / n, _entropy / n, _gradNorm / n, Math.Round(fps, 1), _lag / n);
        _tensorBoard.add_scalar("losses/policy_loss", _policy / n, frames);
        _tensorBoard.add_scalar("losses/value_loss", _value / n, frames);
        _tensorBoard.add_scalar("losses/entropy", _entropy / n, frames);
        _tensorBoard.add_scalar("losses/grad_norm", _gradNorm / n, frames);
        _tensorBoard.add_scalar("charts/policy_lag", _lag / n, frames);
        _tensorBoard.add_scalar("charts/SPS", fps, frames);
        _tensorBoard.add_scalar("charts/learning_rate", _learningRate(), frames);
        _tensorBoard.flush();
        _policy = _value = _entropy = _gradNorm = _lag = 0;
        _pending = 0;
        _lastRowFrames = frames;
        _lastRowSeconds = now;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _episodes.Dispose();
            _updates.Dispose();
            _eval.Dispose();
            _tensorBoard.Dispose();
        }
    }
}
