using System.Diagnostics;
using SamRl.Torch;
using SamRl.Torch.NN;
using SamRl.Torch.Optim;
using SamRl.Torch.Serialization;

namespace SamRl.Memory.Benchmarks;

/// <summary>One measurement: a training configuration at a thread count.</summary>
/// <param name="Config">stm-copy, stm-nfar or lstm-copy.</param>
/// <param name="Threads">libtorch intra-op threads (BLAS's own pool is held at 1).</param>
/// <param name="MedianMs">Median milliseconds per training iteration over the timed iterations.</param>
/// <param name="MinMs">Fastest timed iteration.</param>
/// <param name="CpuMs">Median process CPU time (user + system, all threads) per iteration: robust to other load on the machine.</param>
/// <param name="PeakRssBytes">Peak resident set size while this configuration ran (VmHWM, reset before it where the kernel allows).</param>
/// <param name="PeakIsPerConfig">False when VmHWM could not be reset: the peak is then the process's so far.</param>
/// <param name="Iterations">Timed iterations (after one warm-up).</param>
/// <param name="Parameters">Trainable parameter count of the model.</param>
/// <param name="Device">Where the model ran: cpu or cuda:N.</param>
/// <param name="PeakDeviceBytes">On a CUDA device, the caching allocator's peak during this configuration; -1 on the CPU or when unknown.</param>
public sealed record StmBenchRow(string Config, int Threads, double MedianMs, double MinMs, double CpuMs, long PeakRssBytes, bool PeakIsPerConfig, int Iterations, long Parameters,
                                 string Device = "cpu", long PeakDeviceBytes = -1);

/// <summary>
/// Time per training iteration (forward over the sequence, loss, backward, gradient clip, optimizer step) for the
/// configurations the authors' numbers exist for (DESIGN.md, "Performance facts"): the copy task with the STM
/// (input 34, N=8, d=96, batch 128, sequence length 20 at its maximum: 22 input steps incl. start/end flags,
/// then 20 zero-input output steps; BCE on sigmoid outputs; RMSprop lr 1e-4, α 0.95, momentum 0.9), the
/// Nth-farthest task (input 40, N=8, d=128, gates off, 8 steps, batch 128, cross-entropy at the last step, Adam
/// lr 1e-4), and the authors' LSTM baseline (LSTM(34→512) with a learned initial state + Linear(512→32)) on the same
/// copy setting. Every
/// iteration clips gradients by value at 10, as <c>run_toys.py</c> does. Calls <see cref="NativeHeap.KeepFreedMemory"/>
/// first (the authors' numbers were taken with glibc defaults).
/// </summary>
public static class StmBench
{
    public const int Batch = 128;
    public const int CopyBits = 32;
    public const int CopyLength = 20;
    public const int LstmHidden = 512;

    public static IReadOnlyList<string> Configs { get; } = ["stm-copy", "stm-nfar", "lstm-copy", "stm-ar30"];

    /// <summary>The configurations run when none are named (stm-ar30 has no authors' number to compare with).</summary>
    public static IReadOnlyList<string> DefaultConfigs { get; } = ["stm-copy", "stm-nfar", "lstm-copy"];

    /// <summary>Runs every configuration at every thread count.</summary>
    public static IReadOnlyList<StmBenchRow> RunAll(IReadOnlyList<int> threads, int iterations, IReadOnlyList<string>? configs = null, Action<string>? log = null, Device? device = null)
    {
        var rows = new List<StmBenchRow>();
        foreach (var config in configs ?? DefaultConfigs)
            foreach (var t in threads)
                rows.Add(Run(config, t, iterations, log, device));
        return rows;
    }

    /// <summary>
    /// One configuration: builds the model and a fixed batch, runs one warm-up and <paramref name="iterations"/> timed
    /// iterations. On a CUDA <paramref name="device"/> the model is built on the CPU from the same seed, then moved, and
    /// each timing waits for the device to finish.
    /// </summary>
    public static StmBenchRow Run(string config, int threads, int iterations, Action<string>? log = null, Device? device = null)
    {
        var dev = device ?? Device.CPU;
        bool cuda = dev.type == DeviceType.CUDA;
        if (iterations < 1) throw new ArgumentOutOfRangeException(nameof(iterations), "iterations must be >= 1");
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), "threads must be >= 1");
        if (!Configs.Contains(config)) throw new ArgumentException($"unknown benchmark config '{config}'; valid: {string.Join(", ", Configs)}", nameof(config));
        torch.set_num_threads(threads);
        torch.set_blas_threads(1);
        NativeHeap.KeepFreedMemory();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        bool perConfig = ResetPeakRss();
        if (cuda) torch.cuda.reset_peak_memory_stats(dev.index);

        using var gen = new Generator(1234);
        using var task = Build(config, gen, dev);
        var times = new List<double>();
        var cpu = new List<double>();
        using var self = Process.GetCurrentProcess();
        for (int i = 0; i <= iterations; i++)
        {
            log?.Invoke($"{config}, {threads} thread(s): iteration {i + 1}/{iterations + 1}{(i == 0 ? " (warm-up)" : "")}");
            self.Refresh();
            var cpu0 = self.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            task.Iteration();
            if (cuda) torch.cuda.synchronize(dev.index);
            sw.Stop();
            self.Refresh();
            if (i == 0) continue;
            times.Add(sw.Elapsed.TotalMilliseconds);
            cpu.Add((self.TotalProcessorTime - cpu0).TotalMilliseconds);
        }
        long peakDevice = cuda ? torch.cuda.max_memory_allocated(dev.index) ?? -1 : -1;
        return new StmBenchRow(config, threads, Median(times), times.Min(), Median(cpu), PeakRss(), perConfig, iterations, task.Parameters, dev.ToString(), peakDevice);
    }

    private static double Median(List<double> values)
    {
        var v = values.OrderBy(x => x).ToList();
        return v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
    }

    private static BenchTask Build(string config, Generator gen, Device device, ScalarType dtype = ScalarType.Float32)
    {
        var at = new Placement(device, dtype);
        return config switch
        {
            "stm-copy" => new CopyTask(new StmCell(34, CopyBits, StmOptions.Copy, generator: gen), null, gen, at),
            "lstm-copy" => new CopyTask(LstmCore.AuthorsBaseline(34, LstmHidden, generator: gen), new Linear(LstmHidden, CopyBits, generator: gen), gen, at),
            "stm-nfar" => new NthFarthestTask(new StmCell(40, 8, StmOptions.NthFarthest, generator: gen), gen, at),
            "stm-ar30" => new RetrievalTask(new StmCell(100, 10, StmOptions.Nar, generator: gen), gen, at),
            _ => throw new ArgumentException(config),
        };
    }

    /// <summary>
    /// Trains a configuration for <paramref name="iterations"/> iterations on its fixed batch and returns each
    /// iteration's loss (before that iteration's update; none for 0 iterations). The start is either SamRl's seeded one,
    /// written to <paramref name="startPath"/> as safetensors (the weights under the authors' module names, the batch
    /// under <c>batch.*</c>) so their code can step from the same point; or, with <paramref name="startFromFile"/>, one
    /// the authors' code wrote there, loaded through the same names (<see cref="StmCell.LoadStateDict(IReadOnlyDictionary{string, Tensor}, string?)"/>
    /// for the STM). `samrl bench parity` uses both directions.
    /// </summary>
    public static IReadOnlyList<double> RunForParity(string config, int iterations, string startPath, ScalarType dtype = ScalarType.Float64, bool startFromFile = false)
    {
        if (!Configs.Contains(config)) throw new ArgumentException($"unknown benchmark config '{config}'; valid: {string.Join(", ", Configs)}", nameof(config));
        if (iterations < 0) throw new ArgumentOutOfRangeException(nameof(iterations), "iterations must be >= 0");
        using var gen = new Generator(1234);
        using var task = Build(config, gen, Device.CPU, dtype);
        var start = startFromFile ? SafeTensors.Load(startPath) : task.Start();
        try
        {
            if (startFromFile) task.Load(start, startPath);
            else SafeTensors.Save(startPath, start);
        }
        finally
        {
            foreach (var t in start.Values) t.Dispose();
        }
        return Enumerable.Range(0, iterations).Select(_ => task.Iteration(readLoss: true)).ToList();
    }

    /// <summary>Where a benchmark's model and data live: the device, and the floating dtype (float32 except for parity runs).</summary>
    private readonly record struct Placement(Device Device, ScalarType DType);

    private abstract class BenchTask : IDisposable
    {
        protected readonly List<Module> Modules = new();
        protected Optimizer Optimizer = null!;

        public long Parameters => Modules.Sum(m => m.ParameterCount());

        protected IEnumerable<Tensor> AllParameters() => Modules.SelectMany(m => m.parameters());

        /// <summary>Moves the registered modules to the dtype and device (before the optimizer sees their parameters).</summary>
        protected void MoveModules(Placement at)
        {
            foreach (var m in Modules)
            {
                if (at.DType != ScalarType.Float32) m.to(at.DType);
                if (at.Device.type != DeviceType.CPU) m.to(at.Device);
            }
        }

        /// <summary>
        /// A tensor made on the CPU (so seeds give the same data everywhere) placed on the device, in the run's dtype if
        /// it is floating, outside any scope.
        /// </summary>
        protected static Tensor Place(Tensor cpu, Placement at)
        {
            var t = DTypes.IsFloating(cpu.dtype) && cpu.dtype != at.DType ? cpu.to(at.DType) : cpu;
            return (at.Device.type == DeviceType.CPU ? t : t.to(at.Device)).DetachFromDisposeScope();
        }

        /// <summary>The authors' names for this configuration's weights and batch (see <see cref="RunForParity"/>); copies the caller disposes.</summary>
        public abstract Dictionary<string, Tensor> Start();

        /// <summary>Takes the weights and batch of a start named as <see cref="Start"/> names them; a missing or misshapen entry is an error.</summary>
        public abstract void Load(IReadOnlyDictionary<string, Tensor> start, string source);

        /// <summary>The entries of a start that are weights (not <c>batch.*</c>) whose name begins with <paramref name="prefix"/>, the prefix removed.</summary>
        protected static Dictionary<string, Tensor> WeightsIn(IReadOnlyDictionary<string, Tensor> start, string prefix = "") =>
            start.Where(kv => !kv.Key.StartsWith("batch.", StringComparison.Ordinal) && kv.Key.StartsWith(prefix, StringComparison.Ordinal))
                 .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);

        protected static Tensor BatchEntry(IReadOnlyDictionary<string, Tensor> start, string name, string source) =>
            start.TryGetValue("batch." + name, out var t) ? t : throw new InvalidDataException($"{source}: no batch.{name} in the start");

        /// <summary>One training iteration; with <paramref name="readLoss"/> returns its loss (a device sync), else NaN.</summary>
        public double Iteration(bool readLoss = false)
        {
            double value = double.NaN;
            using (var scope = torch.NewDisposeScope())
            {
                var loss = Loss();
                if (readLoss) value = loss.item();
                loss.backward();
                foreach (var p in AllParameters())
                {
                    var g = p.grad;
                    g?.clamp_(-10, 10); // clip_grad_value_(10)
                }
            }
            Optimizer.step();
            Optimizer.zero_grad(setToNone: true);
            return value;
        }

        /// <summary>A module's parameters under the authors' names, with a prefix, detached copies.</summary>
        protected static IEnumerable<KeyValuePair<string, Tensor>> Weights(Module m, string prefix = "") =>
            m.state_dict().Select(kv => KeyValuePair.Create(prefix + kv.Key, kv.Value.detach().clone()));

        protected abstract Tensor Loss();

        public virtual void Dispose()
        {
            Optimizer.Dispose();
            foreach (var m in Modules) m.Dispose();
        }
    }

    private sealed class CopyTask : BenchTask
    {
        private readonly RecurrentCore _core;
        private readonly Linear? _head;
        private readonly Placement _at;
        private Tensor _inputs = null!;
        private Tensor _target = null!;

        public CopyTask(RecurrentCore core, Linear? head, Generator gen, Placement at)
        {
            _core = core;
            _head = head;
            _at = at;
            Modules.Add(core);
            if (head is not null) Modules.Add(head);
            MoveModules(at);
            using (torch.NewDisposeScope())
                SetBits(torch.bernoulli(torch.full([CopyLength, Batch, CopyBits], 0.5), gen));
            Optimizer = new RMSprop(AllParameters(), lr: 1e-4, alpha: 0.95, momentum: 0.9);
        }

        /// <summary>
        /// The batch from its bits (L, B, 32): step 0 start flag (channel 32), steps 1..L the bits, step L+1 end flag
        /// (33), then L zero inputs for the answer phase: the whole sequence is known up front, as in the task trainer.
        /// </summary>
        private void SetBits(Tensor bits)
        {
            using var scope = torch.NewDisposeScope();
            var flags = torch.zeros([2, Batch, 34], bits.dtype);
            flags.select(0, 0).narrow(1, 32, 1).fill_(1);
            flags.select(0, 1).narrow(1, 33, 1).fill_(1);
            var body = torch.cat([bits, torch.zeros([CopyLength, Batch, 2], bits.dtype)], 2);
            var answer = torch.zeros([CopyLength, Batch, 34], bits.dtype);
            var inputs = torch.cat([flags.narrow(0, 0, 1), body, flags.narrow(0, 1, 1), answer], 0);
            DisposeBatch();
            _inputs = Place(inputs, _at);
            _target = Place(bits.transpose(0, 1).contiguous(), _at); // (B, L, 32)
        }

        protected override Tensor Loss()
        {
            // Input-phase outputs are not read: the core only advances through them.
            var (ys, _) = _core.Unroll(_inputs, _core.InitialState(Batch), CopyLength + 2); // [L, B, ·]
            var logits = _head is null ? ys : _head.forward(ys);
            return F.binary_cross_entropy_with_logits(logits.transpose(0, 1), _target);
        }

        // Their LSTMBaseline is nn.LSTM (suffix _l0) plus a Linear "out"; the learned initial state keeps its name.
        private static string AuthorsLstmName(string ours) => ours.StartsWith("lstm_", StringComparison.Ordinal) ? ours : $"lstm.{ours}_l0";

        // run_toys.py builds its input from the bits alone: (L, B, 32), the target time-major.
        public override Dictionary<string, Tensor> Start()
        {
            var bits = KeyValuePair.Create("batch.bits", _target.transpose(0, 1).contiguous());
            if (_head is null) return new(Weights(_core).Append(bits));
            var lstm = Weights(_core).Select(kv => KeyValuePair.Create(AuthorsLstmName(kv.Key), kv.Value));
            return new(lstm.Concat(Weights(_head, "out.")).Append(bits));
        }

        public override void Load(IReadOnlyDictionary<string, Tensor> start, string source)
        {
            if (_core is StmCell cell)
            {
                cell.LoadStateDict(WeightsIn(start), source);
            }
            else
            {
                var theirs = WeightsIn(start);
                _core.load_state_dict(_core.state_dict().Keys.ToDictionary(k => k, k => theirs.TryGetValue(AuthorsLstmName(k), out var t) ? t : throw new InvalidDataException($"{source}: no {AuthorsLstmName(k)} in the start")));
                _head!.load_state_dict(WeightsIn(start, "out."));
            }
            SetBits(BatchEntry(start, "bits", source));
        }

        private void DisposeBatch()
        {
            _inputs?.Dispose();
            _target?.Dispose();
        }

        public override void Dispose()
        {
            DisposeBatch();
            base.Dispose();
        }
    }

    private sealed class NthFarthestTask : BenchTask
    {
        private readonly StmCell _cell;
        private readonly Placement _at;
        private Tensor[] _inputs = [];
        private Tensor _labels = null!;

        public NthFarthestTask(StmCell cell, Generator gen, Placement at)
        {
            _cell = cell;
            _at = at;
            Modules.Add(cell);
            MoveModules(at);
            // 8 steps of [vector (16), label one-hot (8), n one-hot (8), m one-hot (8)]: the values do not change the cost.
            using (torch.NewDisposeScope())
                SetBatch(torch.rand([8, Batch, 40], gen).mul(2).sub(1), torch.randint(0, 8, [Batch], gen));
            Optimizer = new Adam(AllParameters(), lr: 1e-4);
        }

        private void SetBatch(Tensor xs, Tensor labels)
        {
            DisposeBatch();
            _inputs = Enumerable.Range(0, (int)xs.shape[0]).Select(t => Place(xs.select(0, t).contiguous(), _at)).ToArray();
            _labels = Place(labels.clone(), _at);
        }

        protected override Tensor Loss()
        {
            var state = _cell.InitialState(Batch);
            for (int t = 0; t < _inputs.Length - 1; t++) state = _cell.Advance(_inputs[t], state);
            var (y, _) = _cell.Step(_inputs[^1], state);
            return F.cross_entropy(y, _labels);
        }

        public override Dictionary<string, Tensor> Start() =>
            new(Weights(_cell).Append(KeyValuePair.Create("batch.inputs", torch.stack(_inputs, 0))).Append(KeyValuePair.Create("batch.labels", _labels.clone())));

        public override void Load(IReadOnlyDictionary<string, Tensor> start, string source)
        {
            _cell.LoadStateDict(WeightsIn(start), source);
            SetBatch(BatchEntry(start, "inputs", source), BatchEntry(start, "labels", source));
        }

        private void DisposeBatch()
        {
            foreach (var t in _inputs) t.Dispose();
            _labels?.Dispose();
        }

        public override void Dispose()
        {
            DisposeBatch();
            base.Dispose();
        }
    }

    /// <summary>Associative retrieval, length 30 (run_nar.py with step_num=14): 31 tokens → Embedding(37, 100) → STM, CE at the last step.</summary>
    private sealed class RetrievalTask : BenchTask
    {
        private readonly StmCell _cell;
        private readonly Embedding _embedding;
        private readonly Placement _at;
        private Tensor _tokens = null!;
        private Tensor _labels = null!;

        public RetrievalTask(StmCell cell, Generator gen, Placement at)
        {
            _cell = cell;
            _at = at;
            _embedding = new Embedding(37, 100, generator: gen);
            Modules.Add(cell);
            Modules.Add(_embedding);
            MoveModules(at);
            // The token values do not change the cost; the sequence length (2·14 pairs + "??" + query = 31) does.
            using (torch.NewDisposeScope())
                SetBatch(torch.randint(0, 37, [Batch, 31], gen), torch.randint(0, 10, [Batch], gen));
            Optimizer = new RMSprop(AllParameters(), lr: 1e-4, alpha: 0.99, momentum: 0.9);
        }

        private void SetBatch(Tensor tokens, Tensor labels)
        {
            _tokens?.Dispose();
            _labels?.Dispose();
            _tokens = Place(tokens.contiguous().clone(), _at);
            _labels = Place(labels.clone(), _at);
        }

        protected override Tensor Loss()
        {
            var xs = _embedding.forward(_tokens); // (B, 31, 100)
            var state = _cell.InitialState(Batch);
            for (long t = 0; t < 30; t++) state = _cell.Advance(xs.select(1, t), state);
            var (y, _) = _cell.Step(xs.select(1, 30), state);
            return F.cross_entropy(y, _labels);
        }

        // run_nar.py keeps the embedding as model.emb and feeds tokens time-major: (31, B).
        public override Dictionary<string, Tensor> Start() =>
            new(Weights(_cell).Concat(Weights(_embedding, "emb."))
                .Append(KeyValuePair.Create("batch.tokens", _tokens.t().contiguous())).Append(KeyValuePair.Create("batch.labels", _labels.clone())));

        public override void Load(IReadOnlyDictionary<string, Tensor> start, string source)
        {
            var weights = WeightsIn(start);
            _cell.LoadStateDict(weights.Where(kv => !kv.Key.StartsWith("emb.", StringComparison.Ordinal)).ToDictionary(), source);
            _embedding.load_state_dict(WeightsIn(start, "emb."));
            SetBatch(BatchEntry(start, "tokens", source).t(), BatchEntry(start, "labels", source));
        }

        public override void Dispose()
        {
            _tokens.Dispose();
            _labels.Dispose();
            base.Dispose();
        }
    }

    /// <summary>Resets the kernel's peak-RSS counter (VmHWM) for this process; false where that is not allowed.</summary>
    public static bool ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Peak resident set size of this process: VmHWM from /proc/self/status, else Process.PeakWorkingSet64.</summary>
    public static long PeakRss()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var parts = line[6..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }
        using var p = Process.GetCurrentProcess();
        return p.PeakWorkingSet64;
    }
}
