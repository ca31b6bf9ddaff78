using System.Diagnostics;
using SamRl.Tasks.Data;
using SamRl.Tasks.Metrics;
using SamRl.Torch;
using SamRl.Torch.NN;
using SamRl.Torch.Optim;

namespace SamRl.Tasks.Training;

/// <summary>
/// The authors' supervised loop (stm-reference.md section 3.1) for any task and either core:
/// per iteration draw a batch, run a fresh state over the inputs (and, for bit tasks, one all-zero
/// step per target), take the loss, backward, clip every gradient element to ±clip, optimizer step.
/// </summary>
/// <remarks>
/// <para>Loss: bit tasks use <see cref="F.binary_cross_entropy_with_logits"/>, which is the authors'
/// sigmoid + BCELoss (mean over every output element) computed in one numerically stable op. Class
/// tasks (Nth-farthest, associative retrieval) use cross-entropy on the logits of the last input step; per-step class
/// tasks (hull, TSP, graphs) the mean cross-entropy over the output steps that are not padding.</para>
/// <para>Metric: bit error per sequence (<see cref="BitError"/>) or accuracy (<see cref="Accuracy"/>).</para>
/// <para>Data: the batch of iteration i is drawn from <see cref="SeedMix.ForIteration"/>(seed, i), so a
/// run resumed from a checkpoint continues the same stream; with <see cref="TaskConfig.TrainSetSize"/>
/// it is slice i of a per-epoch shuffle of a fixed set. The held-out set is drawn once from
/// <see cref="TaskConfig.EvalSeed"/>, independent of the training seed.</para>
/// <para>Every iteration runs inside a dispose scope, so native memory does not grow with the run.</para>
/// </remarks>
public sealed class TaskTrainer : IDisposable
{
    /// <summary>Sequences per generator call when building the held-out set (a batch shares one length in variable-length tasks).</summary>
    public const int EvalChunk = 16;

    /// <summary>Most sequences per evaluation batch.</summary>
    public const int EvalBatch = 128;

    private readonly RunningMean _windowLoss = new();
    private readonly RunningMean _windowMetric = new();
    private List<SequenceBatch>? _evalSet;
    private FixedDataset? _trainSet;
    private int[]? _epochOrder;
    private long _epochOfOrder = -1;
    private EvalResult? _lastEval;
    private MetricsWriter? _metrics;
    private bool _disposed;

    /// <summary>Builds the task, the model (weights from <see cref="TaskConfig.Seed"/>) and the optimizer.</summary>
    /// <exception cref="ArgumentException">A bad config value.</exception>
    public TaskTrainer(TaskConfig config, RunDirectory? run = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config.Validate();
        RunDirectory = run;
        Task = config.CreateTask();
        Device = config.TorchDevice();
        if (torch.get_num_threads() != config.Threads) torch.set_num_threads(config.Threads);
        torch.set_blas_threads(1);
        // Reuse freed heap memory instead of mmap-ing and zeroing each large STM activation anew (see NativeHeap).
        SamRl.Torch.NativeHeap.KeepFreedMemory();
        using (var generator = new Generator((ulong)(uint)config.Seed))
        {
            Model = Task is ITaskNetworkFactory own ? own.CreateNetwork(config, generator) : TaskModel.Create(config, Task, generator);
        }

        Optimizer = CreateOptimizer(config, Model.parameters());
        MetricName = MetricNameFor(Task);
        Progress = new TrainingProgress { Seed = config.Seed, MetricName = MetricName };
    }

    public TaskConfig Config { get; private set; }

    /// <summary>"bit_error" for bit-vector targets, "accuracy" for class targets: the metric name in metrics.csv.</summary>
    public static string MetricNameFor(ITaskGenerator task) => task.TargetKind == TargetKind.Bits ? "bit_error" : "accuracy";

    /// <summary>
    /// Trains every iteration after the current one at <paramref name="lr"/>, keeping the optimizer's
    /// state. The change becomes an <see cref="LrStep"/> of the config, so the run folder records it.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="lr"/> is not a positive number.</exception>
    public void SetLearningRateFromNow(double lr) => Config = Config.WithLearningRateAfter(Iteration, lr).Validate();

    public ITaskGenerator Task { get; }

    public TaskNetwork Model { get; }

    public Optimizer Optimizer { get; }

    public Device Device { get; }

    /// <summary>Null for a run that writes nothing (tests, quick experiments).</summary>
    public RunDirectory? RunDirectory { get; }

    /// <summary>"bit_error" (wrong bits per sequence, lower is better) or "accuracy".</summary>
    public string MetricName { get; }

    public bool LowerIsBetter => MetricName == "bit_error";

    /// <summary>Iterations completed, wall time and best evaluation so far.</summary>
    public TrainingProgress Progress { get; private set; }

    public long Iteration => Progress.Iteration;

    /// <summary>Raised after every iteration.</summary>
    public event Action<IterationReport>? IterationCompleted;

    /// <summary>Raised for every metrics row (also written to metrics.csv when there is a run folder).</summary>
    public event Action<MetricsRow>? RowLogged;

    /// <summary>Raised after every evaluation on the held-out set.</summary>
    public event Action<EvalResult>? Evaluated;

    /// <summary>Raised with the path of every checkpoint written.</summary>
    public event Action<string>? CheckpointSaved;

    /// <summary>When set, <see cref="Run"/> ends early (with a checkpoint) as soon as an evaluation satisfies it: for learning benchmarks.</summary>
    public Func<EvalResult, bool>? StopWhen { get; set; }

    public static Optimizer CreateOptimizer(TaskConfig config, IEnumerable<Tensor> parameters) => config.Optimizer switch
    {
        TaskConfig.RmsProp => new RMSprop(parameters, config.LearningRate, config.Alpha, config.Eps, config.WeightDecay, config.Momentum),
        TaskConfig.Adam => new Adam(parameters, config.LearningRate, (config.Beta1, config.Beta2), config.Eps, config.WeightDecay),
        _ => throw new ArgumentException($"unknown optimizer '{config.Optimizer}'; use rmsprop or adam"),
    };

    /// <summary>
    /// Reopens a run: its config.json (with <paramref name="adjust"/> applied, e.g. more iterations) and,
    /// when present, checkpoints/latest.safetensors (weights, optimizer state, iteration).
    /// </summary>
    public static TaskTrainer Resume(RunDirectory run, Func<TaskConfig, TaskConfig>? adjust = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var config = run.ReadConfig();
        if (adjust is not null) config = adjust(config);
        var trainer = new TaskTrainer(config, run);
        try
        {
            if (File.Exists(run.LatestCheckpointPath)) trainer.LoadCheckpoint(run.LatestCheckpointPath);
        }
        catch
        {
            trainer.Dispose();
            throw;
        }

        return trainer;
    }

    /// <summary>Restores weights, optimizer state and progress from a checkpoint written by this trainer's config.</summary>
    public void LoadCheckpoint(string path)
    {
        var progress = TaskCheckpoint.Load(path, Model, Optimizer, Device);
        if (progress.Seed != Config.Seed)
            throw new InvalidDataException($"{path} was written with seed {progress.Seed}, the config says {Config.Seed}");
        Progress = progress with { MetricName = MetricName };
    }

    /// <summary>Writes weights, optimizer state and progress to <paramref name="path"/> (atomically).</summary>
    public void SaveCheckpoint(string path, bool includeOptimizer = true)
    {
        TaskCheckpoint.Save(path, Model, includeOptimizer ? Optimizer : null, Progress);
        CheckpointSaved?.Invoke(path);
    }

    /// <summary>The training batch of 1-based <paramref name="iteration"/>: a pure function of (config, iteration).</summary>
    public SequenceBatch BatchFor(long iteration)
    {
        if (Config.TrainSetSize == 0) return Task.Sample(Config.Batch, SeedMix.ForIteration(Config.Seed, iteration));

        _trainSet ??= FixedDataset.Create(Task, Config.TrainSetSize, SeedMix.Derive(Config.EvalSeed, SeedMix.TrainSetStream, 0));
        var perEpoch = _trainSet.Count / Config.Batch;
        var epoch = (iteration - 1) / perEpoch;
        var slot = (int)((iteration - 1) % perEpoch);
        if (epoch != _epochOfOrder)
        {
            _epochOrder = Sampling.Permutation(new Random(SeedMix.Derive(Config.Seed, SeedMix.EpochStream, epoch)), _trainSet.Count);
            _epochOfOrder = epoch;
        }

        return _trainSet.All.Gather(_epochOrder.AsSpan(slot * Config.Batch, Config.Batch));
    }

    /// <summary>
    /// The fixed held-out set, drawn once from <see cref="TaskConfig.EvalSeed"/> (so it does not depend on the
    /// training batch) and grouped by layout into batches of up to <see cref="EvalBatch"/> for speed. A variable-length
    /// task with <see cref="TaskConfig.EvalLengths"/> "stratified" gets every size equally often (the remainder of
    /// sizes × share goes to sizes picked at random); otherwise the set is drawn in chunks of <see cref="EvalChunk"/>
    /// sequences, each chunk with the task's own random size.
    /// </summary>
    public IReadOnlyList<SequenceBatch> EvalSet()
    {
        if (_evalSet is null && Task is IHeldOutSets files) _evalSet = [.. files.ValidationSet(EvalBatch)];
        if (_evalSet is null)
        {
            var rng = new Random(Config.EvalSeed);
            var chunks = Config.EvalLengths == TaskConfig.EvalLengthsStratified && Task is IVariableLengthTask v
                ? StratifiedChunks(v, rng)
                : RandomChunks(rng);
            var groups = new List<List<SequenceBatch>>();
            foreach (var chunk in chunks)
            {
                var group = groups.Find(g => g[0].InputSteps == chunk.InputSteps && g[0].OutputSteps == chunk.OutputSteps);
                if (group is null) groups.Add([chunk]);
                else group.Add(chunk);
            }

            var set = new List<SequenceBatch>();
            foreach (var group in groups)
            {
                for (var i = 0; i < group.Count; i += EvalBatch / EvalChunk)
                {
                    var part = group.GetRange(i, Math.Min(EvalBatch / EvalChunk, group.Count - i));
                    set.Add(part.Count == 1 ? part[0] : SequenceBatch.Concat(part));
                }
            }

            _evalSet = set;
        }

        return _evalSet;
    }

    private List<SequenceBatch> RandomChunks(Random rng)
    {
        var chunks = new List<SequenceBatch>();
        for (var left = Config.EvalSize; left > 0; left -= EvalChunk) chunks.Add(Task.Sample(Math.Min(EvalChunk, left), rng));
        return chunks;
    }

    private List<SequenceBatch> StratifiedChunks(IVariableLengthTask task, Random rng)
    {
        var sizes = task.MaxLength - task.MinLength + 1;
        var counts = new int[sizes];
        Array.Fill(counts, Config.EvalSize / sizes);
        var extra = Sampling.Permutation(rng, sizes);
        for (var i = 0; i < Config.EvalSize % sizes; i++) counts[extra[i]]++;
        var chunks = new List<SequenceBatch>();
        for (var i = 0; i < sizes; i++)
        {
            for (var left = counts[i]; left > 0; left -= EvalChunk) chunks.Add(task.Sample(Math.Min(EvalChunk, left), task.MinLength + i, rng));
        }

        return chunks;
    }

    /// <summary>Runs iteration <see cref="Iteration"/> + 1: forward, loss, backward, clip, step.</summary>
    public StepResult TrainStep()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var iteration = Iteration + 1;
        var batch = BatchFor(iteration);
        double loss, metric;
        using (var scope = torch.NewDisposeScope())
        {
            Model.train();
            Optimizer.zero_grad(setToNone: true);
            var logits = Model.Forward(batch, Device);
            var lossTensor = Loss(logits, batch);
            lossTensor.backward();
            ClipGradients();
            Optimizer.lr = LearningRateAt(iteration);
            Optimizer.step();
            loss = lossTensor.item();
            metric = Metric(logits, batch);
        }

        Progress = Progress with { Iteration = iteration };
        return new StepResult(iteration, loss, metric);
    }

    /// <summary>
    /// Mean loss and metric over the held-out set (no gradients, model in eval mode); for a variable-length task also
    /// per size (<see cref="EvalResult.ByLength"/>).
    /// </summary>
    public EvalResult Evaluate() => Evaluate(EvalSet());

    /// <summary>As <see cref="Evaluate()"/>, on <paramref name="batches"/> (e.g. a task's test files, or one bAbI task's part of them).</summary>
    public EvalResult Evaluate(IReadOnlyList<SequenceBatch> batches)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(batches);
        var loss = new RunningMean();
        var metric = new RunningMean();
        var variable = Task as IVariableLengthTask;
        var extraTask = Task as IPredictionMetrics;
        var extra = extraTask?.PredictionMetricNames.Select(_ => new RunningMean()).ToArray() ?? [];
        var bySize = new SortedDictionary<int, (RunningMean Loss, RunningMean Metric)>();
        var n = 0;
        Model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            foreach (var batch in batches)
            {
                using var scope = torch.NewDisposeScope();
                var logits = Model.Forward(batch, Device);
                var batchLoss = Loss(logits, batch).item();
                var host = logits.detach().cpu().contiguous().data<float>();
                var batchMetric = MetricFromHost(host, batch);
                if (extraTask is not null)
                {
                    var values = extraTask.PredictionMetrics(batch, StepAccuracy.Predictions(host, batch.OutputSteps * batch.BatchSize, batch.OutputSize));
                    for (var i = 0; i < extra.Length; i++) extra[i].Add(values[i], batch.BatchSize);
                }

                loss.Add(batchLoss, batch.BatchSize);
                metric.Add(batchMetric, batch.BatchSize);
                n += batch.BatchSize;
                if (variable is null) continue;
                var size = variable.LengthOf(batch);
                if (!bySize.TryGetValue(size, out var acc)) bySize[size] = acc = (new RunningMean(), new RunningMean());
                acc.Loss.Add(batchLoss, batch.BatchSize);
                acc.Metric.Add(batchMetric, batch.BatchSize);
            }
        }
        finally
        {
            Model.train();
        }

        var result = new EvalResult(Iteration, loss.Mean, metric.Mean, MetricName, n)
        {
            ByLength = bySize.Select(kv => new LengthEval(kv.Key, (int)kv.Value.Loss.Weight, kv.Value.Loss.Mean, kv.Value.Metric.Mean)).ToList(),
            LengthName = variable?.LengthName,
            Extra = extraTask?.PredictionMetricNames.Select((name, i) => new NamedMetric(name, extra[i].Mean)).ToList() ?? [],
        };
        _lastEval = result;
        return result;
    }

    /// <summary>
    /// Trains until <see cref="TaskConfig.Iterations"/>, cancellation, or <see cref="StopWhen"/>. Writes
    /// metrics rows, evaluates, and checkpoints on the config's cadences, and always checkpoints before
    /// returning (so Ctrl+C loses at most the iteration in flight).
    /// </summary>
    public TrainResult Run(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (RunDirectory is not null)
        {
            if (Iteration == 0) RunDirectory.WriteConfig(Config, Details());
            else RunDirectory.RecordResume(Config, Iteration);
            _metrics ??= RunDirectory.OpenMetrics(keepUpToIteration: Iteration, extraNames: (Task as IPredictionMetrics)?.PredictionMetricNames);
        }

        var clock = Stopwatch.StartNew();
        var wallAtStart = Progress.WallSeconds;
        var stopped = false;
        var reached = false;
        var savedAt = -1L;
        _windowLoss.Reset();
        _windowMetric.Reset();
        while (Iteration < Config.Iterations)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                stopped = true;
                break;
            }

            var step = TrainStep();
            _windowLoss.Add(step.Loss);
            _windowMetric.Add(step.Metric);
            Progress = Progress with { WallSeconds = wallAtStart + clock.Elapsed.TotalSeconds };
            IterationCompleted?.Invoke(new IterationReport(
                step.Iteration, Config.Iterations, step.Loss, step.Metric, _windowLoss.Mean, _windowMetric.Mean, Progress.WallSeconds, _lastEval));

            var last = Iteration == Config.Iterations;
            EvalResult? eval = null;
            if (Config.EvalEvery > 0 && (Iteration % Config.EvalEvery == 0 || last))
            {
                eval = Evaluate();
                Evaluated?.Invoke(eval);
                if (IsBetter(eval.Metric))
                {
                    Progress = Progress with { BestEvalMetric = eval.Metric, BestIteration = Iteration };
                    if (RunDirectory is not null) SaveCheckpoint(RunDirectory.BestCheckpointPath, includeOptimizer: false);
                }

                DecayLearningRateOnEval(eval);
                if (StopWhen?.Invoke(eval) == true) reached = true;
            }

            if (Iteration % Config.LogEvery == 0 || eval is not null || last || reached) WriteRow(eval);

            if (RunDirectory is not null && Config.CheckpointEvery > 0 && Iteration % Config.CheckpointEvery == 0)
            {
                SaveCheckpoint(RunDirectory.LatestCheckpointPath);
                savedAt = Iteration;
            }

            if (reached) break;
        }

        if (_windowLoss.Count > 0) WriteRow(null);
        Progress = Progress with { WallSeconds = wallAtStart + clock.Elapsed.TotalSeconds };
        if (RunDirectory is not null && savedAt != Iteration) SaveCheckpoint(RunDirectory.LatestCheckpointPath);
        return new TrainResult(Iteration, stopped, Progress.WallSeconds, _lastEval, Progress.BestEvalMetric, reached);
    }

    /// <summary>Facts about the run for config.json.</summary>
    public Dictionary<string, object?> Details() => new()
    {
        ["task_input_size"] = Task.InputSize,
        ["task_output_size"] = Task.OutputSize,
        ["input_kind"] = Task.InputKind.ToString(),
        ["target_kind"] = Task.TargetKind.ToString(),
        ["metric_name"] = MetricName,
        ["loss"] = Task.TargetKind switch
        {
            TargetKind.Bits => "binary_cross_entropy_with_logits (mean)",
            TargetKind.StepClasses => "cross_entropy (mean over output steps that are not padding)",
            _ => "cross_entropy (mean)",
        },
        ["parameters"] = Model.ParameterCount(),
        ["parameter_shapes"] = Model.named_parameters().ToDictionary(p => p.name, p => p.parameter.ShapeString()),
        ["torch_threads"] = torch.get_num_threads(),
        ["blas_threads"] = torch.get_blas_threads(),
        ["data_stream"] = Progress.DataStream,
        ["data_files"] = (Task as IHeldOutSets)?.DataDetails(),
    };

    private bool IsBetter(double metric)
    {
        if (double.IsNaN(metric)) return false;
        if (Progress.BestEvalMetric is not { } best) return true;
        return LowerIsBetter ? metric < best : metric > best;
    }

    private void WriteRow(EvalResult? eval)
    {
        var row = new MetricsRow(
            Iteration, Iteration * Config.Batch, Progress.WallSeconds, _windowLoss.Mean, _windowMetric.Mean, eval?.Loss, eval?.Metric, MetricName)
        {
            Extra = eval?.Extra ?? [],
        };
        _metrics?.Write(row);
        RowLogged?.Invoke(row);
        _windowLoss.Reset();
        _windowMetric.Reset();
    }

    private Tensor Loss(Tensor logits, SequenceBatch batch)
    {
        if (batch.TargetKind == TargetKind.Bits)
        {
            var targets = torch.tensor(batch.Targets!, batch.OutputSteps, batch.BatchSize, batch.OutputSize);
            if (Device.type != DeviceType.CPU) targets = targets.to(Device);
            return F.binary_cross_entropy_with_logits(logits, targets);
        }

        if (batch.TargetKind == TargetKind.StepClasses) return StepClassLoss(logits, batch, Device);

        var labels = torch.tensor(batch.Labels!, batch.BatchSize);
        if (Device.type != DeviceType.CPU) labels = labels.to(Device);
        return F.cross_entropy(logits, labels);
    }

    /// <summary>
    /// Mean cross-entropy over the output steps whose label is not padding: the native cross_entropy has no ignore_index,
    /// so padding labels become class 0 for the op and a 0/1 mask drops them from the mean.
    /// </summary>
    public static Tensor StepClassLoss(Tensor logits, SequenceBatch batch, Device device)
    {
        var n = batch.OutputSteps * batch.BatchSize;
        var safe = new long[n];
        var mask = new float[n];
        for (var i = 0; i < n; i++)
        {
            var label = batch.Labels![i];
            if (label == SequenceBatch.IgnoreLabel) continue;
            safe[i] = label;
            mask[i] = 1f;
        }

        var labels = torch.tensor(safe, n);
        var weights = torch.tensor(mask, n);
        if (device.type != DeviceType.CPU)
        {
            labels = labels.to(device);
            weights = weights.to(device);
        }

        var perStep = F.cross_entropy(logits.flatten(0, 1), labels, Reduction.None);
        return perStep.mul(weights).sum().div(Math.Max(1, StepAccuracy.Counted(batch.Labels)));
    }

    private static double Metric(Tensor logits, SequenceBatch batch) =>
        MetricFromHost(logits.detach().cpu().contiguous().data<float>(), batch);

    private static double MetricFromHost(float[] host, SequenceBatch batch) => batch.TargetKind switch
    {
        TargetKind.Bits => BitError.PerSequenceFromLogits(host, batch.Targets, batch.BatchSize),
        TargetKind.StepClasses => StepAccuracy.FromLogits(host, batch.Labels, batch.OutputSize),
        _ => Accuracy.FromLogits(host, batch.Labels, batch.OutputSize),
    };

    /// <summary>
    /// The learning rate of 1-based <paramref name="iteration"/>: the config's schedule, times
    /// <see cref="TaskConfig.LrDecayFactor"/> once the held-out loss has dropped below <see cref="TaskConfig.LrDecayBelowEvalLoss"/>.
    /// </summary>
    public double LearningRateAt(long iteration) =>
        Config.LearningRateAt(iteration) * (Progress.LrDecayedAt is { } at && iteration > at ? Config.LrDecayFactor : 1);

    // The authors' bAbI schedule: halve the rate once, the first time the validation loss is below the threshold.
    private void DecayLearningRateOnEval(EvalResult eval)
    {
        if (Config.LrDecayBelowEvalLoss <= 0 || Progress.LrDecayedAt is not null || !(eval.Loss < Config.LrDecayBelowEvalLoss)) return;
        Progress = Progress with { LrDecayedAt = Iteration };
    }

    /// <summary>clip_grad_norm_ when <see cref="TaskConfig.GradClipNorm"/> is set, then clip_grad_value_: every gradient element into [-clip, clip].</summary>
    private void ClipGradients()
    {
        if (Config.GradClipNorm > 0) utils.clip_grad_norm_(Model.parameters(), Config.GradClipNorm);
        if (Config.GradClip <= 0) return;
        using var noGrad = torch.no_grad();
        foreach (var p in Model.parameters()) p.grad?.clamp_(-Config.GradClip, Config.GradClip);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _metrics?.Dispose();
        Optimizer.Dispose();
        Model.Dispose();
    }
}
