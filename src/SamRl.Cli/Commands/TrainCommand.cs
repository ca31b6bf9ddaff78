using System.CommandLine;
using System.Globalization;
using SamRl.Cli.Train;
using SamRl.Training;

namespace SamRl.Cli.Commands;

/// <summary>
/// `samrl train`: A3C runs of LSTM / STM agents into runs/&lt;run-id&gt;/, one or a sweep (lists of agents, frame skips,
/// seeds), from flags, a YAML file (--config) or a shipped preset (--preset paper); `samrl train --resume runs/&lt;id&gt;`
/// continues a stopped run.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var agent = new Option<string?>("--agent") { Description = "lstm, stm or ff (feed-forward, no memory), or a list (lstm,stm) to sweep (default lstm)" };
        var env = new Option<string?>("--env") { Description = "pong (built-in, default), ale:pong (needs ALE and the ROM), cartpole, cartpole-masked, tmaze:<length>, recall:<delay>, catch" };
        var frameSkip = new Option<string?>("--frame-skip") { Description = "frames per action, or a list to sweep (0,4,16,32); 0 = every frame (default 4; 1 for non-Atari envs)" };
        var workers = new Option<int?>("--workers") { Description = "actor threads (default 2)" };
        var envsPerActor = new Option<int?>("--envs-per-actor") { Description = "environments each actor steps with one batched forward (default 1)" };
        var frames = new Option<string?>("--frames") { Description = "emulator frames to train for, summed over actors: 10M, 2.5e6, 500k (default 10M)" };
        var mode = new Option<string?>("--mode") { Description = "hogwild (the paper's A3C, default) or learner (actors act, one learner trains on --device, V-trace)" };
        var device = new Option<string?>("--device") { Description = "learner device in learner mode: cpu, cuda, cuda:N (default cpu)" };
        var seed = new Option<string?>("--seed", "--seeds") { Description = "seed, a list (1,2,3) or a range (1-5) to sweep (default 1)" };
        var name = new Option<string?>("--name") { Description = "run name: replaces {env}-{agent}-fs{k} in the run id" };
        var outDir = new Option<string>("--out") { Description = "folder for run folders", DefaultValueFactory = _ => "runs" };
        var parallel = new Option<int>("--parallel") { Description = "runs of a sweep trained side by side (default 1: one after another)", DefaultValueFactory = _ => 1 };
        var lr = new Option<double?>("--lr") { Description = "learning rate (default 1e-4)" };
        var evalEvery = new Option<double?>("--eval-every") { Description = "run a greedy evaluation game, wait this many seconds, repeat (eval.csv); 0 = off (default)" };
        var videoEvery = new Option<long?>("--video-every") { Description = "record a greedy game into <run>/videos/game-<n>.mp4 every N training games (ffmpeg); 0 = off (default)" };
        var checkpointMinutes = new Option<double?>("--checkpoint-minutes") { Description = "minutes between checkpoints (default 10; also on stop)" };
        var preset = new Option<string?>("--preset") { Description = "a shipped settings file: paper (Fig. 3: lstm,stm x frame skips 0,4,16,32 x seeds 1-5, 32 workers)" };
        var config = new Option<string?>("--config") { Description = "a YAML file of settings (config.json keys; agent, frame_skip and seeds may be lists)" };
        var set = new Option<string[]>("--set") { Description = "any setting as key=value (config.json's snake_case keys, e.g. --set gae_tau=1.0); repeatable", AllowMultipleArgumentsPerToken = false };
        var resume = new Option<string?>("--resume") { Description = "continue the run in this folder from its latest checkpoint (--frames, --device, --eval-every, --video-every, --checkpoint-minutes may change)" };
        var list = new Option<bool>("--list-settings") { Description = "print every setting with its default and exit" };

        var cmd = new Command("train", "Train LSTM / STM agents with A3C (hogwild or learner mode) on Pong or another environment.")
        {
            agent, env, frameSkip, workers, envsPerActor, frames, mode, device, seed, name, outDir, parallel, lr, evalEvery, videoEvery, checkpointMinutes,
            preset, config, set, resume, list,
        };
        cmd.SetAction(pr =>
        {
            if (pr.GetValue(list)) return ListSettings();
            int par = pr.GetValue(parallel);
            if (par < 1) throw new UsageException($"--parallel must be >= 1, got {par}");
            List<RunSlot> slots;
            if (pr.GetValue(resume) is { } resumePath)
            {
                var bad = new (string Flag, bool Given)[]
                {
                    ("--agent", pr.GetValue(agent) is not null), ("--env", pr.GetValue(env) is not null), ("--frame-skip", pr.GetValue(frameSkip) is not null),
                    ("--workers", pr.GetValue(workers) is not null), ("--envs-per-actor", pr.GetValue(envsPerActor) is not null), ("--mode", pr.GetValue(mode) is not null),
                    ("--seed", pr.GetValue(seed) is not null), ("--name", pr.GetValue(name) is not null), ("--lr", pr.GetValue(lr) is not null),
                    ("--preset", pr.GetValue(preset) is not null), ("--config", pr.GetValue(config) is not null), ("--set", (pr.GetValue(set) ?? []).Length > 0),
                }.Where(f => f.Given).Select(f => f.Flag).ToList();
                if (bad.Count > 0) throw new UsageException($"--resume continues a run with its own settings; only --frames, --device, --eval-every, --video-every and --checkpoint-minutes may change (got {string.Join(", ", bad)})");
                slots = [ResumeSlot(resumePath, pr.GetValue(frames), pr.GetValue(device), pr.GetValue(evalEvery), pr.GetValue(videoEvery), pr.GetValue(checkpointMinutes))];
            }
            else
            {
                var layers = new ConfigLayers();
                if (pr.GetValue(preset) is { } p) YamlSettings.Apply(layers, YamlSettings.Preset(p), $"preset {p}");
                if (pr.GetValue(config) is { } file)
                {
                    if (!File.Exists(file)) throw new UsageException($"--config: '{file}' does not exist");
                    YamlSettings.Apply(layers, File.ReadAllText(file), file);
                }

                void Flag(string key, string? value, string flag)
                {
                    if (value is not null) layers.Set(key, value, flag);
                }

                Flag("agent", pr.GetValue(agent), "--agent");
                Flag("env", pr.GetValue(env), "--env");
                Flag("frame_skip", pr.GetValue(frameSkip), "--frame-skip");
                Flag("workers", pr.GetValue(workers)?.ToString(CultureInfo.InvariantCulture), "--workers");
                Flag("envs_per_actor", pr.GetValue(envsPerActor)?.ToString(CultureInfo.InvariantCulture), "--envs-per-actor");
                Flag("frames", pr.GetValue(frames), "--frames");
                Flag("mode", pr.GetValue(mode), "--mode");
                Flag("device", pr.GetValue(device), "--device");
                Flag("seed", pr.GetValue(seed), "--seed");
                Flag("name", pr.GetValue(name), "--name");
                Flag("lr", pr.GetValue(lr)?.ToString("R", CultureInfo.InvariantCulture), "--lr");
                Flag("eval_every", pr.GetValue(evalEvery)?.ToString("R", CultureInfo.InvariantCulture), "--eval-every");
                Flag("video_every", pr.GetValue(videoEvery)?.ToString(CultureInfo.InvariantCulture), "--video-every");
                Flag("checkpoint_minutes", pr.GetValue(checkpointMinutes)?.ToString("R", CultureInfo.InvariantCulture), "--checkpoint-minutes");
                foreach (var a in pr.GetValue(set) ?? []) layers.SetAssignment(a, "--set");
                var configs = layers.Build();
                // Frame skips are an Atari notion: a small vector env steps every frame unless told otherwise.
                if (!layers.IsSet("frame_skip")) configs = configs.Select(c => c.IsAtari ? c : c with { FrameSkip = 1 }).ToList();
                foreach (var c in configs) CheckDevice(c.Device);
                // A bad env id or a missing ROM is a usage error now, not a failed run later.
                foreach (var c in configs.DistinctBy(c => c.Env)) using (SamRl.Envs.EnvFactory.Create(c.Env, c.EnvOptions())) { }
                var root = pr.GetValue(outDir)!;
                slots = configs.Select((c, i) => new RunSlot(i, $"{c.Env}/{c.Agent}/fs{c.FrameSkip}/s{c.Seed}", () => A3CTrainer.Create(c, root))).ToList();
            }

            return Execute(slots, par);
        });
        return cmd;
    }

    private static RunSlot ResumeSlot(string path, string? frames, string? device, double? evalEvery, long? videoEvery, double? checkpointMinutes)
    {
        long? budget = null;
        if (frames is not null)
            budget = ConfigLayers.ParseNumber(frames) is { } f && f > 0 && f == Math.Floor(f) ? (long)f : throw new UsageException($"--frames must be a positive whole number, got '{frames}'");
        if (device is not null) CheckDevice(device);
        try
        {
            A3CRunFolder.Open(path);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new UsageException($"cannot resume: {e.Message}");
        }

        return new RunSlot(0, path, () => A3CTrainer.Resume(path, c => c with
        {
            Frames = budget ?? c.Frames,
            Device = device ?? c.Device,
            EvalEvery = evalEvery ?? c.EvalEvery,
            VideoEvery = videoEvery ?? c.VideoEvery,
            CheckpointMinutes = checkpointMinutes ?? c.CheckpointMinutes,
        }));
    }

    private static void CheckDevice(string device)
    {
        try
        {
            SamRl.Torch.Device.ParseAvailable(device);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--device: {e.Message}");
        }
    }

    private static int Execute(List<RunSlot> slots, int parallel)
    {
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (cts.IsCancellationRequested) return; // a second Ctrl+C ends the process
            e.Cancel = true;
            Console.Error.WriteLine("samrl: stopping: every run finishes its rollout and writes a checkpoint ...");
            cts.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx =>
        {
            if (cts.IsCancellationRequested) return;
            ctx.Cancel = true;
            cts.Cancel();
        });
        if (slots.Count > 1) Console.WriteLine($"{slots.Count} runs, {parallel} at a time");
        try
        {
            SweepRunner.RunAll(slots, parallel, cts.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        // A single run's failure is the command's one-line error; a sweep lists each failed run.
        if (slots.Count == 1 && slots[0].Error is { } only) throw new TrainingFailedException(only);
        foreach (var s in slots) Summarise(s);
        if (slots.Any(s => s.Error is not null)) return 1;
        return slots.Any(s => s.State is "stopped" or "waiting") ? 130 : 0;
    }

    private static void Summarise(RunSlot s)
    {
        if (s.Error is not null)
        {
            Console.Error.WriteLine($"samrl: {s.Label}: {s.Error}");
            return;
        }

        if (s.RunPath is null)
        {
            Console.WriteLine($"{s.Label}: not started");
            return;
        }

        var rel = Relative(s.RunPath);
        if (s.Result is { } r)
        {
            string avg = double.IsNaN(r.MovingAverage) ? "-" : r.MovingAverage.ToString("F2", CultureInfo.InvariantCulture);
            Console.WriteLine($"{s.Label}: {(r.Stopped ? "stopped" : "finished")} at {r.Frames:N0} frames, {r.Games:N0} games, {r.Updates:N0} updates, moving average {avg}, after {TrainDisplay.Time(r.WallSeconds)}");
        }

        // The launcher script says how it is called (bash samrl), so the printed commands run as printed.
        string me = Environment.GetEnvironmentVariable("SAMRL_COMMAND") is { Length: > 0 } c ? c : "samrl";
        Console.WriteLine($"  run folder: {rel}");
        Console.WriteLine($"  resume:     {me} train --resume {rel}{(s.Result is { Stopped: false } ? " --frames <more>" : "")}");
        Console.WriteLine($"  watch:      {me} watch {rel}   (curves: {me} compare {rel}, or tensorboard --logdir {rel})");
    }

    private static int ListSettings()
    {
        var node = System.Text.Json.JsonSerializer.SerializeToNode(new A3CConfig(), A3CConfig.JsonOptions)!.AsObject();
        foreach (var (k, v) in node) Console.WriteLine($"{k} = {v?.ToJsonString() ?? "null"}");
        return 0;
    }

    private static string Relative(string path)
    {
        var rel = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return rel.StartsWith("..", StringComparison.Ordinal) ? path : rel;
    }
}

/// <summary>The one run of a `samrl train` failed; the message says why.</summary>
public sealed class TrainingFailedException(string message) : Exception(message);
