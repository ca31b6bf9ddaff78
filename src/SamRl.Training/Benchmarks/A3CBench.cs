using System.Diagnostics;
using SamRl.Agents;
using SamRl.Torch;
using SamRl.Torch.Optim;

namespace SamRl.Training;

/// <summary>
/// What one A3C actor spends its time on, measured on the reference agents (1×80×80 frames, 6 actions): one act step
/// (batch 1, no_grad, state carried), and one hogwild update (a 20-step rollout plus its bootstrap frame: the encoder
/// once over the 21 frames, the recurrent part stepped, the loss, backward, and SharedAdam applied to a second model,
/// as an actor applies its gradients to the shared weights). Medians over the measured repetitions, after warm-up.
/// </summary>
public static class A3CBench
{
    /// <param name="EncoderActMs">Of <paramref name="ActMs"/>, the conv encoder on one frame.</param>
    /// <param name="EncoderUpdateMs">Of <paramref name="UpdateMs"/>, the encoder's forward and backward over the rollout's frames.</param>
    public sealed record Timing(string Agent, int Threads, double ActMs, double UpdateMs, long Parameters, double EncoderActMs, double EncoderUpdateMs);

    public static Timing Measure(string agent, int threads, int actSteps = 200, int updates = 20, int steps = 20)
    {
        torch.set_num_threads(threads);
        torch.set_blas_threads(1);
        NativeHeap.KeepFreedMemory();
        int[] shape = [1, 80, 80];
        using var g = new Generator(1);
        using var model = AgentFactory.Create(agent, shape, 6, AgentOptions.Reference, g);
        using var shared = AgentFactory.Create(agent, shape, 6, AgentOptions.Reference, g);
        using var optimizer = new Adam(shared.parameters(), 1e-4, eps: 1e-3, amsgrad: true, legacyEps: true);
        var frame = torch.randn([1, 1, 80, 80], g).DetachFromDisposeScope();
        try
        {
            double act = Median(Time(actSteps, actSteps / 10, () => ActSteps(model, frame, 1)));
            var rollout = SyntheticRollout(steps, shape, 6, 7);
            var parameters = model.parameters().ToArray();
            var settings = new A3CLoss.Settings(0.99, 0.92, 0.5, 0.01);
            double update = Median(Time(updates, 3, () =>
            {
                using var scope = torch.NewDisposeScope();
                using var batch = RolloutBatch.Create([rollout], Device.CPU);
                model.zero_grad();
                var (loss, _) = A3CLoss.Compute(model, batch, settings);
                loss.backward();
                optimizer.step(parameters.Select(p => p.grad).ToArray());
            }));
            double encoderAct = Median(Time(actSteps, actSteps / 10, () =>
            {
                using var noGrad = torch.no_grad();
                using var scope = torch.NewDisposeScope();
                model.Encoder.Forward(frame).data<float>();
            }));
            using var frames = torch.randn([steps + 1, 1, 80, 80], g);
            double encoderUpdate = Median(Time(updates, 3, () =>
            {
                using var scope = torch.NewDisposeScope();
                model.zero_grad();
                model.Encoder.Forward(frames).sum().backward();
            }));
            return new Timing(agent, threads, act, update, model.ParameterCount(), encoderAct, encoderUpdate);
        }
        finally
        {
            frame.Dispose();
        }
    }

    /// <summary>Training throughput of one setting: emulator frames per second, and CPU seconds the process used per second.</summary>
    public sealed record Throughput(string Agent, string Mode, int Workers, int FrameSkip, double FramesPerSecond, double CoresBusy, double Seconds);

    /// <summary>
    /// Trains a real run (the built-in Pong unless <paramref name="env"/> says otherwise) in a scratch folder for
    /// <paramref name="warmup"/> + <paramref name="seconds"/> seconds and reports the frames per second of the timed
    /// part, everything included: emulation, acting, updates, logging. The folder is deleted afterwards.
    /// </summary>
    public static Throughput MeasureTraining(string agent, string mode, int workers, int frameSkip, double seconds, double warmup = 10, string env = "pong", string device = "cpu")
    {
        string root = Path.Combine(Path.GetTempPath(), $"samrl-bench-a3c-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var config = new A3CConfig
        {
            Agent = agent, Mode = mode, Workers = workers, FrameSkip = frameSkip, Env = env, Device = device,
            Frames = long.MaxValue / 2, CheckpointMinutes = 24 * 60,
        };
        try
        {
            using var trainer = A3CTrainer.Create(config, root);
            using var cts = new CancellationTokenSource();
            Exception? failure = null;
            var thread = new Thread(() =>
            {
                try { trainer.Run(cts.Token); }
                catch (Exception e) { failure = e; }
            }) { IsBackground = true, Name = "bench-train" };
            thread.Start();
            var process = Process.GetCurrentProcess();
            if (!thread.Join(TimeSpan.FromSeconds(warmup)))
            {
                long f0 = trainer.Counters.Frames;
                process.Refresh();
                var cpu0 = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                thread.Join(TimeSpan.FromSeconds(seconds));
                long f1 = trainer.Counters.Frames;
                double wall = clock.Elapsed.TotalSeconds;
                process.Refresh();
                double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
                cts.Cancel();
                thread.Join();
                if (failure is not null) throw new InvalidOperationException($"training failed: {failure.Message}", failure);
                return new Throughput(agent, mode, workers, frameSkip, (f1 - f0) / wall, cpu / wall, wall);
            }

            throw new InvalidOperationException($"training ended during warm-up: {failure?.Message ?? "no error"}", failure);
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); }
            catch (IOException) { }
        }
    }

    /// <summary>A rollout of random frames and actions, bootstrapping (not terminated), starting mid-episode from the agent's initial state.</summary>
    public static Rollout SyntheticRollout(int steps, int[] shape, int actions, int seed)
    {
        var rng = new Random(seed);
        int len = shape.Aggregate(1, (a, b) => a * b);
        var obs = new float[(steps + 1) * len];
        for (int i = 0; i < obs.Length; i++) obs[i] = (float)(rng.NextDouble() * 2 - 1);
        return new Rollout
        {
            Actor = 0,
            PolicyVersion = 0,
            Observations = obs,
            ObservationShape = shape,
            Actions = Enumerable.Range(0, steps).Select(_ => rng.Next(actions)).ToArray(),
            Rewards = Enumerable.Range(0, steps).Select(_ => (float)(rng.Next(3) - 1)).ToArray(),
            BehaviourLogProbs = Enumerable.Range(0, steps).Select(_ => (float)Math.Log(1.0 / actions)).ToArray(),
            Terminated = false,
        };
    }

    private static void ActSteps(ActorCritic model, Tensor frame, int n)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var state = model.InitialState(1);
        for (int i = 0; i < n; i++)
        {
            var (logits, _, next) = model.Act(frame, state);
            logits.softmax(1).data<float>();
            state = next;
        }
    }

    private static List<double> Time(int reps, int warmup, Action body)
    {
        for (int i = 0; i < warmup; i++) body();
        var ms = new List<double>(reps);
        for (int i = 0; i < reps; i++)
        {
            var sw = Stopwatch.StartNew();
            body();
            ms.Add(sw.Elapsed.TotalMilliseconds);
        }

        return ms;
    }

    public static double Median(List<double> xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2;
    }
}
