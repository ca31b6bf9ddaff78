using System.CommandLine;
using System.Globalization;
using SamRl.Tasks.Data;
using SamRl.Tasks.Training;
using Spectre.Console;

namespace SamRl.Cli.Commands;

/// <summary>
/// `samrl task &lt;name&gt; --model stm|lstm ...`: one supervised run into runs/&lt;run-id&gt;/ (config.json,
/// metrics.csv, checkpoints/), with a live progress bar; `samrl task --resume runs/&lt;id&gt;` continues it;
/// `samrl task list` shows the tasks and their defaults.
/// </summary>
public static class TaskCommand
{
    public static Command Create()
    {
        var name = new Argument<string?>("name") { Description = "task (see `samrl task list`)", Arity = ArgumentArity.ZeroOrOne };
        var model = new Option<string?>("--model") { Description = "recurrent core: stm or lstm (default stm)" };
        var iterations = new Option<int?>("--iterations") { Description = "training iterations (default: the authors' count for the task)" };
        var batch = new Option<int?>("--batch") { Description = "sequences per iteration (default 128)" };
        var seed = new Option<int?>("--seed") { Description = "seed of the initial weights and the data stream (default 1)" };
        var lr = new Option<double?>("--lr") { Description = "learning rate (default 1e-4); with --resume, the rate from the checkpoint on (recorded in config.json)" };
        var lrSteps = new Option<string?>("--lr-steps") { Description = "later learning-rate changes, ITER:LR[,ITER:LR...]: iterations after ITER train at LR (e.g. 7810:1e-4)" };
        var optimizer = new Option<string?>("--optimizer") { Description = "rmsprop or adam (default: the task's)" };
        var momentum = new Option<double?>("--momentum") { Description = "RMSprop momentum (default 0.9)" };
        var rmsAlpha = new Option<double?>("--rms-alpha") { Description = "RMSprop smoothing constant (default 0.95; 0.99 for associative retrieval)" };
        var gradClip = new Option<double?>("--grad-clip") { Description = "clip every gradient element to +-value; 0 = off (default 10; babi 0)" };
        var gradClipNorm = new Option<double?>("--grad-clip-norm") { Description = "clip the joint gradient norm to value (clip_grad_norm_); 0 = off (default 0; babi 5)" };
        var data = new Option<string?>("--data") { Description = $"babi: folder holding the release's en-10k/ and en-valid-10k/ (default {SamRl.Tasks.Babi.BabiTask.DefaultDataFolder})" };
        var evalEvery = new Option<int?>("--eval-every") { Description = "iterations between evaluations on the held-out set; 0 = never" };
        var evalSize = new Option<int?>("--eval-size") { Description = "sequences in the held-out set (default 1024)" };
        var logEvery = new Option<int?>("--log-every") { Description = "iterations per metrics.csv row (mean over the window; default 200, less for short runs)" };
        var checkpointEvery = new Option<int?>("--checkpoint-every") { Description = "iterations between checkpoints; 0 = only at the end" };
        var trainSize = new Option<int?>("--train-size") { Description = "train on a fixed set of N sequences (0 = fresh batches; associative retrieval: 100000)" };
        var threads = new Option<int?>("--threads") { Description = "libtorch intra-op threads (default 1)" };
        var device = new Option<string?>("--device") { Description = "cpu, cuda or cuda:N (default cpu)" };
        var outDir = new Option<string>("--out") { Description = "folder for run folders", DefaultValueFactory = _ => "runs" };
        var resume = new Option<string?>("--resume") { Description = "continue the run in this folder from its latest checkpoint (only --iterations, --threads, --lr and --device may change)" };
        var width = new Option<int?>("--width") { Description = "copy / priority-sort / rar: bits per vector (default 32)" };
        var minLength = new Option<int?>("--min-length") { Description = "copy: shortest sequence; rar: fewest items" };
        var maxLength = new Option<int?>("--max-length") { Description = "copy: longest sequence; rar: most items" };
        var slots = new Option<int?>("--slots") { Description = "STM N (n_q = n_kv)" };
        var slotSize = new Option<int?>("--slot-size") { Description = "STM d" };
        var relSize = new Option<int?>("--rel-size") { Description = "STM n_r" };
        var outAttSize = new Option<int?>("--out-att-size") { Description = "STM a (default 64)" };
        var mlpSize = new Option<int?>("--mlp-size") { Description = "STM output MLP width (default 128)" };
        var samSteps = new Option<int?>("--sam-steps") { Description = "SAM steps per time step (default 1)" };
        var gates = new Option<bool?>("--gates") { Description = "STM gated item-memory write: true or false" };
        var alpha1 = new Option<double?>("--alpha1") { Description = "fix STM alpha1 (default learnable)" };
        var alpha2 = new Option<double?>("--alpha2") { Description = "fix STM alpha2 (default learnable)" };
        var alpha3 = new Option<double?>("--alpha3") { Description = "fix STM alpha3 (0 = no transfer; default learnable)" };
        var embedding = new Option<int?>("--embedding-size") { Description = "embedding width for token tasks (default 100)" };
        var lstmHidden = new Option<int?>("--lstm-hidden") { Description = "LSTM units (default 512: about the STM's parameter count on copy)" };
        var lstmInit = new Option<string?>("--lstm-init") { Description = "LSTM start: authors (their LSTMBaseline: U(+-5/sqrt(in+hidden)) weights, zero biases, learned initial state; default) or pytorch (LSTMCell defaults, zero state)" };

        var cmd = new Command("task", "Train STM or LSTM on a supervised task (copy, priority-sort, rar, nfar, assoc-retrieval-30/50, hull-5/10, tsp-5/10, shortest-path, mst, babi, babi:N).")
        {
            name, model, iterations, batch, seed, lr, lrSteps, optimizer, momentum, rmsAlpha, gradClip, gradClipNorm, data, evalEvery, evalSize, logEvery,
            checkpointEvery, trainSize, threads, device, outDir, resume, width, minLength, maxLength, slots, slotSize, relSize,
            outAttSize, mlpSize, samSteps, gates, alpha1, alpha2, alpha3, embedding, lstmHidden, lstmInit,
        };
        cmd.Subcommands.Add(CreateList());
        cmd.Subcommands.Add(TaskTestCommand.Create());
        cmd.Subcommands.Add(TaskRunsCommand.Create());

        cmd.SetAction(pr =>
        {
            var resumePath = pr.GetValue(resume);
            var taskName = pr.GetValue(name);
            TaskTrainer trainer;
            if (resumePath is not null)
            {
                var others = new (string Flag, bool Given)[]
                {
                    ("--model", pr.GetValue(model) is not null), ("--batch", pr.GetValue(batch) is not null), ("--seed", pr.GetValue(seed) is not null),
                    ("--lr-steps", pr.GetValue(lrSteps) is not null), ("--optimizer", pr.GetValue(optimizer) is not null), ("--momentum", pr.GetValue(momentum) is not null),
                    ("--rms-alpha", pr.GetValue(rmsAlpha) is not null), ("--grad-clip", pr.GetValue(gradClip) is not null),
                    ("--grad-clip-norm", pr.GetValue(gradClipNorm) is not null), ("--data", pr.GetValue(data) is not null),
                    ("--eval-every", pr.GetValue(evalEvery) is not null), ("--eval-size", pr.GetValue(evalSize) is not null),
                    ("--log-every", pr.GetValue(logEvery) is not null), ("--checkpoint-every", pr.GetValue(checkpointEvery) is not null),
                    ("--train-size", pr.GetValue(trainSize) is not null),
                    ("--width", pr.GetValue(width) is not null), ("--min-length", pr.GetValue(minLength) is not null), ("--max-length", pr.GetValue(maxLength) is not null),
                    ("--slots", pr.GetValue(slots) is not null), ("--slot-size", pr.GetValue(slotSize) is not null), ("--rel-size", pr.GetValue(relSize) is not null),
                    ("--out-att-size", pr.GetValue(outAttSize) is not null), ("--mlp-size", pr.GetValue(mlpSize) is not null), ("--sam-steps", pr.GetValue(samSteps) is not null),
                    ("--gates", pr.GetValue(gates) is not null), ("--alpha1", pr.GetValue(alpha1) is not null), ("--alpha2", pr.GetValue(alpha2) is not null),
                    ("--alpha3", pr.GetValue(alpha3) is not null), ("--embedding-size", pr.GetValue(embedding) is not null), ("--lstm-hidden", pr.GetValue(lstmHidden) is not null), ("--lstm-init", pr.GetValue(lstmInit) is not null),
                };
                var bad = others.Where(o => o.Given).Select(o => o.Flag).ToList();
                if (bad.Count > 0) throw new UsageException($"--resume continues a run with its own config; only --iterations, --threads, --lr and --device may change (got {string.Join(", ", bad)})");
                trainer = ResumeTrainer(resumePath, taskName, pr.GetValue(iterations), pr.GetValue(threads), pr.GetValue(lr), pr.GetValue(device));
            }
            else
            {
                if (string.IsNullOrWhiteSpace(taskName))
                    throw new UsageException($"name a task ({string.Join(", ", TaskRegistry.Names)}) or give --resume <run folder>; `samrl task list` shows them");
                TaskConfig config;
                try
                {
                    config = TaskConfig.ForTask(taskName, pr.GetValue(model) ?? TaskConfig.Stm);
                }
                catch (ArgumentException e)
                {
                    throw new UsageException(e.Message);
                }

                if (pr.GetValue(iterations) is { } it)
                {
                    if (it <= 0) throw new UsageException($"--iterations must be > 0, got {it}");
                    config = config.WithCadenceFor(it);
                }

                config = config with
                {
                    Batch = pr.GetValue(batch) ?? config.Batch,
                    Seed = pr.GetValue(seed) ?? config.Seed,
                    LearningRate = pr.GetValue(lr) ?? config.LearningRate,
                    LrSteps = ParseLrSteps(pr.GetValue(lrSteps)) ?? config.LrSteps,
                    Optimizer = pr.GetValue(optimizer)?.Trim().ToLowerInvariant() ?? config.Optimizer,
                    Momentum = pr.GetValue(momentum) ?? config.Momentum,
                    Alpha = pr.GetValue(rmsAlpha) ?? config.Alpha,
                    GradClip = pr.GetValue(gradClip) ?? config.GradClip,
                    GradClipNorm = pr.GetValue(gradClipNorm) ?? config.GradClipNorm,
                    DataPath = pr.GetValue(data) ?? config.DataPath,
                    EvalEvery = pr.GetValue(evalEvery) ?? config.EvalEvery,
                    EvalSize = pr.GetValue(evalSize) ?? config.EvalSize,
                    LogEvery = pr.GetValue(logEvery) ?? config.LogEvery,
                    CheckpointEvery = pr.GetValue(checkpointEvery) ?? config.CheckpointEvery,
                    TrainSetSize = pr.GetValue(trainSize) ?? config.TrainSetSize,
                    Threads = pr.GetValue(threads) ?? config.Threads,
                    Device = pr.GetValue(device) ?? config.Device,
                    Width = pr.GetValue(width) ?? config.Width,
                    MinLength = pr.GetValue(minLength) ?? config.MinLength,
                    MaxLength = pr.GetValue(maxLength) ?? config.MaxLength,
                    Slots = pr.GetValue(slots) ?? config.Slots,
                    SlotSize = pr.GetValue(slotSize) ?? config.SlotSize,
                    RelSize = pr.GetValue(relSize) ?? config.RelSize,
                    OutAttSize = pr.GetValue(outAttSize) ?? config.OutAttSize,
                    MlpSize = pr.GetValue(mlpSize) ?? config.MlpSize,
                    SamSteps = pr.GetValue(samSteps) ?? config.SamSteps,
                    Gates = pr.GetValue(gates) ?? config.Gates,
                    Alpha1 = pr.GetValue(alpha1) ?? config.Alpha1,
                    Alpha2 = pr.GetValue(alpha2) ?? config.Alpha2,
                    Alpha3 = pr.GetValue(alpha3) ?? config.Alpha3,
                    EmbeddingSize = pr.GetValue(embedding) ?? config.EmbeddingSize,
                    LstmHidden = pr.GetValue(lstmHidden) ?? config.LstmHidden,
                    LstmInit = pr.GetValue(lstmInit) ?? config.LstmInit,
                };
                trainer = NewTrainer(config, pr.GetValue(outDir)!);
            }

            using (trainer)
            {
                return Train(trainer, out _);
            }
        });
        return cmd;
    }

    private static Command CreateList()
    {
        var cmd = new Command("list", "The supervised tasks with their default settings.");
        cmd.SetAction(_ =>
        {
            Console.WriteLine("| task | input | target | metric | optimizer | iterations | STM (N, d, n_r, gates, fixed alphas) |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var n in TaskRegistry.Names)
            {
                var c = TaskConfig.ForTask(n);
                var t = c.CreateTask();
                if (t is SamRl.Tasks.Babi.BabiTask)
                {
                    // Sizes come from the data files, which `list` does not read.
                    Console.WriteLine($"| {n} (or {n}:N, N=1..20) | story sentences (word ids) -> sentence encoding {c.EmbeddingSize} | answer word | accuracy | adam lr {c.LearningRate:G3}, clip norm {c.GradClipNorm}, lr halved once below val loss {c.LrDecayBelowEvalLoss} | {c.Iterations:N0} | {c.Slots}, {c.SlotSize}, {c.RelSize}, on, a1={c.Alpha1} a3={c.Alpha3}; TPR read-out of Mr |");
                    continue;
                }

                var input = t.InputKind == InputKind.Tokens ? $"tokens ({t.InputSize}) -> Embedding {c.EmbeddingSize}" : $"{t.InputSize} dense";
                var target = t.TargetKind switch
                {
                    TargetKind.Bits => $"{t.OutputSize} bits/step",
                    TargetKind.StepClasses => $"{t.OutputSize} classes/step",
                    _ => $"{t.OutputSize} classes",
                };
                var metric = t.TargetKind switch
                {
                    TargetKind.Bits => "bit error/seq",
                    TargetKind.StepClasses => "step accuracy" + (t is IPredictionMetrics x ? $" (+ {string.Join(", ", x.PredictionMetricNames)})" : ""),
                    _ => "accuracy",
                };
                var opt = c.Optimizer == TaskConfig.RmsProp
                    ? $"rmsprop lr {c.LearningRate:G3} mom {c.Momentum} alpha {c.Alpha}"
                    : $"adam lr {c.LearningRate:G3}";
                var alphas = string.Join(" ", new[] { ("a1", c.Alpha1), ("a2", c.Alpha2), ("a3", c.Alpha3) }.Where(a => a.Item2 is not null).Select(a => $"{a.Item1}={a.Item2}"));
                var stm = $"{c.Slots}, {c.SlotSize}, {c.RelSize}, {(c.Gates ? "on" : "off")}{(alphas.Length > 0 ? ", " + alphas : "")}";
                Console.WriteLine($"| {n} | {input} | {target} | {metric} | {opt} | {c.Iterations:N0} | {stm} |");
            }

            Console.WriteLine();
            Console.WriteLine("All: batch 128, gradients clipped to +-10 (babi: norm 5), LSTM baseline 512 units + Linear head.");
            return 0;
        });
        return cmd;
    }

    private static TaskTrainer NewTrainer(TaskConfig config, string outRoot)
    {
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }

        var run = RunDirectory.Create(outRoot, config);
        return new TaskTrainer(config, run);
    }

    internal static LrSchedule? ParseLrSteps(string? text)
    {
        if (text is null) return null;
        try
        {
            return LrSchedule.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--lr-steps: {e.Message}");
        }
    }

    // The device may change on resume (a run started on a GPU can go on on the CPU, and back): it changes rounding,
    // not the run's data stream or schedule.
    private static TaskTrainer ResumeTrainer(string path, string? taskName, int? iterations, int? threads, double? lr, string? device)
    {
        if (lr is { } rate && (!(rate > 0) || double.IsInfinity(rate))) throw new UsageException($"--lr must be positive, got {rate}");
        var run = OpenRun(path, "cannot resume");

        if (!File.Exists(run.LatestCheckpointPath)) throw new UsageException($"cannot resume: {run.LatestCheckpointPath} does not exist (the run never reached a checkpoint)");
        if (iterations is <= 0) throw new UsageException($"--iterations must be > 0, got {iterations}");
        try
        {
            var trainer = TaskTrainer.Resume(run, c =>
            {
                if (taskName is not null && !string.Equals(taskName, c.Task, StringComparison.OrdinalIgnoreCase))
                    throw new UsageException($"{path} is a '{c.Task}' run, not '{taskName}'");
                return c with { Iterations = iterations ?? c.Iterations, Threads = threads ?? c.Threads, Device = device ?? c.Device };
            });
            if (lr is { } newRate) trainer.SetLearningRateFromNow(newRate);
            return trainer;
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>Runs <paramref name="trainer"/> with a progress display and Ctrl+C handling; returns the exit code.</summary>
    internal static int Train(TaskTrainer trainer, out TrainResult? outcome)
    {
        outcome = null;
        var c = trainer.Config;
        var run = trainer.RunDirectory;
        var resumed = trainer.Iteration > 0;
        Console.WriteLine($"{(resumed ? "resuming" : "training")} {c.Model} on {c.Task}: {trainer.Model.ParameterCount():N0} parameters, batch {c.Batch}, " +
                          $"{c.Optimizer} lr {trainer.LearningRateAt(trainer.Iteration + 1):G3}{(c.LrSteps.Count > 0 ? $" (steps {c.LrSteps})" : "")}, iterations {trainer.Iteration:N0} -> {c.Iterations:N0}, seed {c.Seed}, threads {c.Threads}");
        if (run is not null) Console.WriteLine($"run folder: {Relative(run.Path)}");
        if (trainer.Iteration >= c.Iterations)
        {
            Console.WriteLine($"the run already has {trainer.Iteration:N0} of {c.Iterations:N0} iterations; pass --iterations N to extend it");
            return 0;
        }

        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (cts.IsCancellationRequested) return; // a second Ctrl+C ends the process
            e.Cancel = true;
            cts.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        // SIGTERM (kill, job schedulers) stops as gracefully as Ctrl+C: finish the iteration, checkpoint.
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx =>
        {
            if (cts.IsCancellationRequested) return;
            ctx.Cancel = true;
            cts.Cancel();
        });
        TrainResult result;
        try
        {
            result = Console.IsOutputRedirected ? TrainPlain(trainer, cts.Token) : TrainLive(trainer, cts.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        outcome = result;

        var eval = result.LastEval is { } ev ? $", eval {ev.MetricName} {FormatMetric(ev.MetricName, ev.Metric)}{FormatExtra(ev.Extra, ", ")} (loss {ev.Loss:F4})" : "";
        Console.WriteLine($"{(result.Stopped ? "stopped" : "finished")} at iteration {result.Iteration:N0} after {FormatTime(result.WallSeconds)}{eval}");
        if (result.BestEvalMetric is { } best) Console.WriteLine($"best eval {trainer.MetricName}: {FormatMetric(trainer.MetricName, best)} at iteration {trainer.Progress.BestIteration:N0}");
        if (run is not null)
        {
            Console.WriteLine($"checkpoint: {Relative(run.LatestCheckpointPath)}; metrics: {Relative(run.MetricsPath)}");
            if (result.Stopped || (result.Iteration < c.Iterations && !result.ReachedTarget))
                Console.WriteLine($"resume with: samrl task --resume {Relative(run.Path)}");
        }

        return result.Stopped ? 130 : 0;
    }

    private static TrainResult TrainPlain(TaskTrainer trainer, CancellationToken token)
    {
        void OnRow(MetricsRow r)
        {
            var eval = r.EvalMetric is { } m ? $"  eval_loss {r.EvalLoss:F4}  eval_{r.MetricName} {FormatMetric(r.MetricName, m)}{FormatExtra(r.Extra, "  eval_")}" : "";
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"iter {r.Iteration}/{trainer.Config.Iterations}  loss {r.TrainLoss:F4}  {r.MetricName} {FormatMetric(r.MetricName, r.TrainMetric)}{eval}  {FormatTime(r.WallSeconds)}"));
        }

        trainer.RowLogged += OnRow;
        try
        {
            return trainer.Run(token);
        }
        finally
        {
            trainer.RowLogged -= OnRow;
        }
    }

    private static TrainResult TrainLive(TaskTrainer trainer, CancellationToken token)
    {
        TrainResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var bar = ctx.AddTask(Describe(trainer, null), maxValue: trainer.Config.Iterations);
                bar.Value = trainer.Iteration;
                void OnIteration(IterationReport r)
                {
                    bar.Value = r.Iteration;
                    bar.Description = Describe(trainer, r);
                }

                void OnEval(EvalResult e) =>
                    AnsiConsole.MarkupLine(Markup.Escape(string.Create(
                        CultureInfo.InvariantCulture,
                        $"iter {e.Iteration}: eval loss {e.Loss:F4}, {e.MetricName} {FormatMetric(e.MetricName, e.Metric)}{FormatExtra(e.Extra, ", ")} on {e.Sequences} held-out sequences")));

                trainer.IterationCompleted += OnIteration;
                trainer.Evaluated += OnEval;
                try
                {
                    result = trainer.Run(token);
                }
                finally
                {
                    trainer.IterationCompleted -= OnIteration;
                    trainer.Evaluated -= OnEval;
                }
            });
        return result!;
    }

    private static string Describe(TaskTrainer trainer, IterationReport? r)
    {
        var head = $"{trainer.Config.Task}/{trainer.Config.Model}";
        if (r is null) return Markup.Escape(head);
        var eval = r.LastEval is { } e ? $" eval {FormatMetric(e.MetricName, e.Metric)}" : "";
        return Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"{head} {r.Iteration} loss {r.WindowLoss:F3} {ShortMetricName(trainer.MetricName)} {FormatMetric(trainer.MetricName, r.WindowMetric)}{eval}"));
    }

    /// <summary>Opens an existing run folder; a missing one is a usage error prefixed with <paramref name="what"/>.</summary>
    internal static RunDirectory OpenRun(string path, string what)
    {
        try
        {
            return RunDirectory.Open(path);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new UsageException($"{what}: {e.Message}");
        }
    }

    internal static string FormatMetric(string metricName, double value) =>
        metricName == "accuracy"
            ? (100 * value).ToString("F2", CultureInfo.InvariantCulture) + "%"
            : value.ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>A task's extra metrics (TSP tour lengths) as "{prefix}name value" each; empty for most tasks.</summary>
    internal static string FormatExtra(IReadOnlyList<NamedMetric> extra, string prefix) =>
        string.Concat(extra.Select(e => string.Create(CultureInfo.InvariantCulture, $"{prefix}{e.Name} {e.Value:F4}")));

    /// <summary>"acc" or "bits", for narrow progress lines and tables.</summary>
    internal static string ShortMetricName(string metricName) => metricName == "accuracy" ? "acc" : "bits";

    internal static string FormatTime(double seconds) =>
        seconds < 120
            ? seconds.ToString("F1", CultureInfo.InvariantCulture) + "s"
            : string.Create(CultureInfo.InvariantCulture, $"{(long)(seconds / 3600)}:{(long)(seconds / 60) % 60:00}:{(long)seconds % 60:00}");

    private static string Relative(string path)
    {
        var rel = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return rel.StartsWith("..", StringComparison.Ordinal) ? path : rel;
    }
}
