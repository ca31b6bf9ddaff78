using SamRl.Agents;
using SamRl.Envs;
using SamRl.Torch;
using SamRl.Torch.NN;
using SamRl.Torch.Optim;

namespace SamRl.Training;

/// <summary>
/// One A3C run: builds the model, the actors and their environments from an <see cref="A3CConfig"/>, runs the
/// workers of the chosen mode (<see cref="HogwildWorker"/>, or <see cref="ActorWorker"/>s feeding a
/// <see cref="LearnerWorker"/>), and from the calling thread reports progress, writes checkpoints (latest every
/// <c>checkpoint_minutes</c>, best whenever the moving average of the return beats its record) and stops on the
/// frame budget or on cancellation, with a last checkpoint. A run resumes from its folder after any stop, kill -9
/// included.
/// </summary>
public sealed class A3CTrainer : IDisposable
{
    private static readonly TimeSpan BestEvery = TimeSpan.FromSeconds(60);

    private readonly Actor[] _actors;
    private readonly Optimizer _optimizer;
    private readonly PauseGate _gate;
    private readonly PolicyStore? _store;
    private double? _best;
    private long _bestAtGames;
    private Exception? _failure;

    private A3CTrainer(A3CConfig config, A3CRunFolder folder, A3CProgress? resumedFrom)
    {
        Config = config;
        Folder = folder;
        Device = Device.ParseAvailable(config.Device);
        torch.set_blas_threads(1); // OpenBLAS's own pool fights libtorch's threads for the cores; each role sets its libtorch threads
        NativeHeap.KeepFreedMemory(); // the allocator settings `bench a3c` measures with
        var envs = new List<IEnv>();
        try
        {
            for (int i = 0; i < config.Environments; i++) envs.Add(EnvFactory.Create(config.Env, config.EnvOptions()));
        }
        catch
        {
            foreach (var e in envs) e.Dispose();
            throw;
        }

        var probe = envs[0];
        ObservationShape = probe.ObservationSpace.Shape;
        ActionCount = probe.ActionSpace.N;
        ActionMeanings = probe.ActionMeanings;
        using (var g = new Generator((ulong)config.Seed))
            Model = AgentFactory.Create(config.Agent, ObservationShape, ActionCount, config.AgentOptions, g);
        if (Device.type != DeviceType.CPU) Model.to(Device);
        _optimizer = config.Optimizer == "adam"
            ? new Adam(Model.parameters(), config.Lr, eps: config.AdamEps, amsgrad: config.Amsgrad, legacyEps: config.LegacyEps)
            : new RMSprop(Model.parameters(), config.Lr, alpha: 0.99, eps: 0.1);
        if (resumedFrom is not null) A3CCheckpoint.Load(folder.LatestCheckpointPath, Model, _optimizer);

        _actors = new Actor[config.Workers];
        for (int r = 0; r < config.Workers; r++)
        {
            var local = AgentFactory.Create(config.Agent, ObservationShape, ActionCount, config.AgentOptions);
            WeightCopy.Copy(Model, local);
            _actors[r] = new Actor(r, local, envs.GetRange(r * config.EnvsPerActor, config.EnvsPerActor), config.Seed, config.RewardClip);
            if (resumedFrom is not null)
            {
                var state = resumedFrom.Actors.FirstOrDefault(a => a.Rank == r)
                    ?? throw new InvalidDataException($"{folder.LatestCheckpointPath}: no state for actor {r} (the run has {resumedFrom.Actors.Length} actors)");
                _actors[r].RestoreState(state);
            }
        }

        if (config.Mode == A3CConfig.Learner) _store = new PolicyStore(Model, AgentFactory.Create(config.Agent, ObservationShape, ActionCount, config.AgentOptions), resumedFrom?.Updates ?? 0);
        Counters = resumedFrom is null ? new TrainingCounters() : new TrainingCounters(resumedFrom.Frames, resumedFrom.Updates, resumedFrom.Games, resumedFrom.WallSeconds);
        Log = new RunLog(folder, Counters, config.Window, config.LogEvery, () => _optimizer.lr, resumedFrom);
        _best = resumedFrom?.BestMovingAverage;
        _bestAtGames = resumedFrom?.BestAtGames ?? 0;
        _gate = new PauseGate(config.Workers + (config.Mode == A3CConfig.Learner ? 1 : 0));
    }

    public A3CConfig Config { get; }

    public A3CRunFolder Folder { get; }

    public Device Device { get; }

    /// <summary>The model that is trained: shared by the hogwild actors, or the learner's.</summary>
    public ActorCritic Model { get; }

    public int[] ObservationShape { get; }

    public int ActionCount { get; }

    public IReadOnlyList<string> ActionMeanings { get; }

    public TrainingCounters Counters { get; }

    public RunLog Log { get; }

    public Optimizer Optimizer => _optimizer;

    /// <summary>Rows the resume cut from the logs (episodes, updates, eval), or zeros for a new run.</summary>
    public (int Episodes, int Updates, int Eval) RowsCut => Log.RowsCut;

    /// <summary>A new run in a new folder under <paramref name="root"/>.</summary>
    public static A3CTrainer Create(A3CConfig config, string root)
    {
        config.Validate();
        Device.ParseAvailable(config.Device);
        // The environment is checked (id, ROM) before a folder is made, so a typo leaves nothing behind.
        using (EnvFactory.Create(config.Env, config.EnvOptions()))
        {
        }

        var folder = A3CRunFolder.Create(root, config);
        return new A3CTrainer(config, folder, null);
    }

    /// <summary>Continues the run in <paramref name="path"/> from its latest checkpoint; <paramref name="change"/> may alter what a resume may alter.</summary>
    public static A3CTrainer Resume(string path, Func<A3CConfig, A3CConfig>? change = null)
    {
        var folder = A3CRunFolder.Open(path);
        var config = folder.ReadConfig();
        if (change is not null) config = change(config);
        config.Validate();
        if (!File.Exists(folder.LatestCheckpointPath))
            throw new FileNotFoundException($"cannot resume {path}: {folder.LatestCheckpointPath} does not exist (the run never reached a checkpoint)", folder.LatestCheckpointPath);
        var progress = A3CCheckpoint.ReadProgress(folder.LatestCheckpointPath);
        var trainer = new A3CTrainer(config, folder, progress);
        var cut = trainer.RowsCut;
        folder.RecordResume(config, progress.Frames, cut.Episodes + cut.Updates + cut.Eval);
        return trainer;
    }

    /// <summary>
    /// Trains until the frame budget is spent or <paramref name="token"/> is cancelled; <paramref name="progress"/> is
    /// called about every <paramref name="progressEvery"/> from this thread. Always ends with a checkpoint.
    /// </summary>
    public A3CResult Run(CancellationToken token, Action<A3CStatus>? progress = null, TimeSpan? progressEvery = null)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var (workers, threads) = StartWorkers(stop.Token);
        var every = progressEvery ?? TimeSpan.FromSeconds(1);
        var checkpointEvery = TimeSpan.FromMinutes(Config.CheckpointMinutes);
        var lastCheckpoint = DateTime.UtcNow;
        var lastBest = DateTime.MinValue;
        var rate = new RateMeter(Counters.Frames, Counters.SessionSeconds);
        try
        {
            // The evaluator never ends by itself: the run lasts while a training thread does.
            while (workers.FirstOrDefault(t => t.IsAlive) is { } alive && !stop.IsCancellationRequested)
            {
                alive.Join(every);
                progress?.Invoke(Status(rate));
                if (_failure is not null) break;
                bool checkpointDue = DateTime.UtcNow - lastCheckpoint >= checkpointEvery;
                bool bestDue = Improved() && DateTime.UtcNow - lastBest >= BestEvery;
                if (!checkpointDue && !bestDue) continue;
                if (!_gate.Pause(TimeSpan.FromMinutes(2))) { _gate.Resume(); continue; }
                try
                {
                    if (bestDue) { SaveBest(); lastBest = DateTime.UtcNow; }
                    if (checkpointDue) { SaveLatest(); lastCheckpoint = DateTime.UtcNow; }
                }
                finally
                {
                    _gate.Resume();
                }
            }
        }
        finally
        {
            stop.Cancel();
            foreach (var t in threads) t.Join();
        }

        if (_failure is not null) throw new InvalidOperationException($"a training thread failed: {_failure.Message}", _failure);
        if (Improved()) SaveBest();
        SaveLatest();
        progress?.Invoke(Status(rate));
        double ma;
        lock (Log.Sync) ma = Log.Returns.Value;
        return new A3CResult(Counters.Frames, Counters.Updates, Counters.Games, Counters.WallSeconds, Counters.SessionSeconds, ma, _best,
            Stopped: token.IsCancellationRequested && Counters.Frames < Config.Frames);
    }

    /// <summary>Starts the training threads (<c>Workers</c>) and the evaluator if asked; <c>All</c> holds both.</summary>
    private (List<Thread> Workers, List<Thread> All) StartWorkers(CancellationToken token)
    {
        var threads = new List<Thread>();
        var settings = A3CLoss.Settings.From(Config, vtrace: Config.Mode == A3CConfig.Learner && Config.Vtrace);
        // A failing thread fails the run, unless it says otherwise (the video recorder only reports).
        Thread Start(string name, Action body, Action<Exception>? onFailure = null)
        {
            var t = new Thread(() =>
            {
                try
                {
                    body();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    if (onFailure is not null) onFailure(e);
                    else Interlocked.CompareExchange(ref _failure, e, null);
                }
            }) { IsBackground = true, Name = name };
            t.Start();
            threads.Add(t);
            return t;
        }

        if (Config.Mode == A3CConfig.Hogwild)
        {
            foreach (var a in _actors)
            {
                var w = new HogwildWorker(a, Model, _optimizer, Config, settings, Counters, Log, _gate);
                Start($"hogwild-{a.Rank}", () => w.Run(token));
            }
        }
        else
        {
            var queue = new RolloutQueue(Math.Max(2 * Config.Environments, Config.ResolvedLearnerBatch));
            var actorWorkers = _actors.Select(a => new ActorWorker(a, _store!, queue, Config, Counters, Log, _gate)).ToList();
            foreach (var w in actorWorkers) Start($"actor-{w.Rank}", () => w.Run(token));
            var learner = new LearnerWorker(Model, _optimizer, _store!, queue, Config, settings, Counters, Log, _gate, Device)
            {
                ActorsFinished = () => actorWorkers.All(w => w.Finished),
            };
            Start("learner", () => learner.Run(token));
        }

        var workers = threads.ToList();
        // The evaluator and the video recorder play beside training: they take the newest weights at each game, take
        // no part in checkpoints and are not waited for by the gate.
        Func<Module, long> refresh = _store is null ? local => { WeightCopy.Copy(Model, local); return Counters.Updates; } : _store.CopyTo;
        if (Config.EvalEvery > 0)
        {
            var eval = new EvalWorker(Config, refresh, Log);
            Start("eval", () => eval.Run(token));
        }

        if (Config.VideoEvery > 0)
        {
            void Warn(string msg) => Console.Error.WriteLine($"samrl: {Folder.RunId}: {msg}");
            var video = new VideoWorker(Config, refresh, Counters, System.IO.Path.Combine(Folder.Path, "videos"), Warn);
            Start("video", () => video.Run(token), e => Warn($"video recording failed: {e.Message}"));
        }

        return (workers, threads);
    }

    private bool Improved()
    {
        lock (Log.Sync)
            return Log.Returns.IsFull && (_best is null || Log.Returns.Value > _best.Value);
    }

    private A3CStatus Status(RateMeter rate)
    {
        double ma;
        int count;
        lock (Log.Sync)
        {
            ma = Log.Returns.Value;
            count = Log.Returns.Count;
        }

        long frames = Counters.Frames;
        double fps = rate.Update(frames, Counters.SessionSeconds);
        double? eta = fps > 0 && frames < Config.Frames ? (Config.Frames - frames) / fps : null;
        return new A3CStatus(frames, Config.Frames, Counters.Updates, Counters.Games, ma, count, fps, Counters.WallSeconds, eta, _best);
    }

    private A3CProgress Progress()
    {
        lock (Log.Sync)
        {
            return new A3CProgress
            {
                Frames = Counters.Frames,
                Updates = Counters.Updates,
                Games = Counters.Games,
                WallSeconds = Counters.WallSeconds,
                EvalEpisodes = Log.EvalEpisodes,
                RecentReturns = Log.Returns.Values.ToArray(),
                BestMovingAverage = _best,
                BestAtGames = _bestAtGames,
                Actors = _actors.Select(a => a.SaveState()).ToArray(),
            };
        }
    }

    private void SaveLatest() => A3CCheckpoint.Save(Folder.LatestCheckpointPath, Model, Config.Agent, _optimizer, Progress());

    private void SaveBest()
    {
        lock (Log.Sync)
        {
            _best = Log.Returns.Value;
            _bestAtGames = Counters.Games;
        }

        A3CCheckpoint.Save(Folder.BestCheckpointPath, Model, Config.Agent, null, Progress());
    }

    public void Dispose()
    {
        Log.Dispose();
        foreach (var a in _actors)
        {
            a.Model.Dispose();
            a.Dispose();
        }

        _store?.Dispose();
        _optimizer.Dispose();
        Model.Dispose();
    }
}
