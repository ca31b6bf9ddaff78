using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SamRl.Agents;
using SamRl.Envs;
using SamRl.Envs.Wrappers;

namespace SamRl.Training;

/// <summary>
/// Every setting of an A3C run, in one place, with the reference's values as defaults (stm-reference §2: the authors'
/// run_rl.py, train_sam.py, shared_optim.py, environment.py). config.json stores it resolved (snake_case), so a
/// run can be resumed and reproduced from its folder alone.
/// </summary>
public sealed record A3CConfig
{
    public const string Hogwild = "hogwild";
    public const string Learner = "learner";

    // ---- what is trained, where
    /// <summary>Agent: "lstm" (upstream A3Clstm, LSTMCell 1024→512) or "stm" (A3CSAM).</summary>
    public string Agent { get; init; } = AgentFactory.Lstm;

    /// <summary>Environment id (EnvFactory): "pong" (built-in), "ale:pong", or a small test env such as "catch".</summary>
    public string Env { get; init; } = "pong";

    /// <summary>Frame skip k: each action repeats for k emulator frames. 0 and 1 both mean every frame (the paper's "0").</summary>
    public int FrameSkip { get; init; } = 4;

    /// <summary>"hogwild" (the paper's A3C: actors apply their own gradients to shared weights) or "learner".</summary>
    public string Mode { get; init; } = Hogwild;

    /// <summary>Actor threads (the reference ran 32 processes; one per core here).</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Environments each actor steps in lockstep with one batched forward (1 = the reference).</summary>
    public int EnvsPerActor { get; init; } = 1;

    /// <summary>Emulator frames to train for, summed over actors (the run stops at the first rollout boundary past it).</summary>
    public long Frames { get; init; } = 10_000_000;

    /// <summary>Device of the learner in learner mode ("cpu", "cuda", "cuda:N"); actors always act on the CPU.</summary>
    public string Device { get; init; } = "cpu";

    public int Seed { get; init; } = 1;

    /// <summary>Optional run name: it replaces the "{env}-{agent}-fs{k}" part of the run id.</summary>
    public string? Name { get; init; }

    // ---- the A3C loss (train_sam.py)
    /// <summary>Steps per rollout (num-steps); a rollout also ends where its episode ends.</summary>
    public int RolloutSteps { get; init; } = 20;

    public double Gamma { get; init; } = 0.99;

    /// <summary>GAE τ (λ). The reference runs 0.92 (its help text says 1.00).</summary>
    public double GaeTau { get; init; } = 0.92;

    /// <summary>Weight of the value loss Σ 0.5(R−V)² in the total loss (so the value term is 0.25(R−V)², as the reference).</summary>
    public double ValueCoef { get; init; } = 0.5;

    public double EntropyCoef { get; init; } = 0.01;

    /// <summary>Rewards are clipped to ±this before the loss; 0 = no clipping. Logged returns are always unclipped.</summary>
    public double RewardClip { get; init; } = 1;

    /// <summary>Clip the gradient's global L2 norm to this; 0 = no clipping (the reference clips nothing).</summary>
    public double GradClip { get; init; }

    // ---- optimizer (SharedAdam)
    /// <summary>"adam" (shared statistics, the reference's) or "rmsprop".</summary>
    public string Optimizer { get; init; } = "adam";

    public double Lr { get; init; } = 1e-4;

    public double AdamEps { get; init; } = 1e-3;

    public bool Amsgrad { get; init; } = true;

    /// <summary>SharedAdam's eps placement (m/(√v + eps), the pre-1.0 PyTorch formula) rather than today's Adam.</summary>
    public bool LegacyEps { get; init; } = true;

    // ---- learner mode
    /// <summary>V-trace off-policy correction of the actors' stale policies (learner mode only).</summary>
    public bool Vtrace { get; init; } = true;

    public double VtraceRhoBar { get; init; } = 1;

    public double VtraceCBar { get; init; } = 1;

    /// <summary>Rollouts per learner update; 0 = one from each environment (workers × envs per actor).</summary>
    public int LearnerBatch { get; init; }

    // ---- environment (environment.py)
    /// <summary>"authors" (max over a deque of the last 3 raw frames, as the reference), "last2" (SB3) or "none".</summary>
    public string MaxPool { get; init; } = "authors";

    public int NoopMax { get; init; } = 30;

    /// <summary>Sticky-action probability (ALE's repeat_action_probability); the reference ran 0.</summary>
    public double StickyActions { get; init; }

    /// <summary>Episode cap in emulator frames (0 = none). Ignored when <see cref="MaxEpisodeSteps"/> is set.</summary>
    public long MaxEpisodeFrames { get; init; } = 108_000;

    /// <summary>Episode cap in agent steps (the reference's max-episode-length 10000, i.e. 10000·k frames); 0 = use <see cref="MaxEpisodeFrames"/>.</summary>
    public long MaxEpisodeSteps { get; init; }

    /// <summary>80 (the authors' crop + mean gray) or 84.</summary>
    public int ScreenSize { get; init; } = 80;

    public bool Normalize { get; init; } = true;

    // ---- agent sizes
    public long LstmHidden { get; init; } = 512;

    public long StmLstmHidden { get; init; } = 256;

    public long StmSlots { get; init; } = 8;

    public long StmSlotSize { get; init; } = 96;

    public long StmRelSize { get; init; } = 96;

    public long StmOutAttSize { get; init; } = 64;

    public long StmMlpSize { get; init; } = 128;

    public long MlpHidden { get; init; } = 64;

    // ---- threads, logs, checkpoints
    /// <summary>libtorch intra-op threads of each actor thread.</summary>
    public int ActorThreads { get; init; } = 1;

    /// <summary>libtorch intra-op threads of the learner thread (learner mode).</summary>
    public int LearnerThreads { get; init; } = 1;

    /// <summary>Minutes between checkpoints (also written at the end and on Ctrl+C / SIGTERM).</summary>
    public double CheckpointMinutes { get; init; } = 10;

    /// <summary>Updates per updates.csv row (means over the window).</summary>
    public int LogEvery { get; init; } = 20;

    /// <summary>Seconds the greedy evaluation thread waits after each episode (the reference's test process: 10); 0 = no evaluation thread.</summary>
    public double EvalEvery { get; init; }

    /// <summary>Record a greedy game as videos/game-&lt;n&gt;.mp4 every this many training games (needs ffmpeg); 0 = none.</summary>
    public long VideoEvery { get; init; }

    /// <summary>Games in the moving average of the return (the paper's Fig. 3: 100).</summary>
    public int Window { get; init; } = 100;

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Environments in the run (workers × envs per actor).</summary>
    [JsonIgnore]
    public int Environments => Workers * EnvsPerActor;

    [JsonIgnore]
    public int ResolvedLearnerBatch => LearnerBatch > 0 ? LearnerBatch : Environments;

    /// <summary>Whether the env id names one of the Atari games (screen observations, the Atari wrapper stack).</summary>
    [JsonIgnore]
    public bool IsAtari => Env.Trim().Equals("pong", StringComparison.OrdinalIgnoreCase) || Env.Trim().StartsWith("ale:", StringComparison.OrdinalIgnoreCase);

    /// <summary>{name or env-agent-fs{k}}-s{seed}-{UTC yyyyMMdd-HHmmss}; characters a folder name should not hold become '-'.</summary>
    public string RunId(DateTime utc)
    {
        var head = Name ?? $"{Env}-{Agent}-fs{FrameSkip}";
        var safe = new string(head.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());
        return string.Create(CultureInfo.InvariantCulture, $"{safe}-s{Seed}-{utc:yyyyMMdd-HHmmss}");
    }

    public AgentOptions AgentOptions => new()
    {
        LstmHidden = LstmHidden,
        StmLstmHidden = StmLstmHidden,
        StmSlots = StmSlots,
        StmSlotSize = StmSlotSize,
        StmRelSize = StmRelSize,
        StmOutAttSize = StmOutAttSize,
        StmMlpSize = StmMlpSize,
        MlpHidden = MlpHidden,
    };

    /// <summary>
    /// The wrapper stack: for Atari games the reference's (no-op starts, frame skip with max-pool, episodic life, fire
    /// reset, 80×80 gray, running normalisation; rewards are clipped by the loss, so the env returns real ones), for
    /// the small vector environments only the episode statistics and the episode cap.
    /// </summary>
    public EnvOptions EnvOptions()
    {
        long cap = MaxEpisodeSteps > 0 ? MaxEpisodeSteps * Math.Max(FrameSkip, 1) : MaxEpisodeFrames;
        if (!IsAtari) return SamRl.Envs.EnvOptions.Raw with { FrameSkip = FrameSkip, MaxPool = MaxPooling.None, MaxFrames = cap, RecordStatistics = true };
        return new EnvOptions
        {
            FrameSkip = FrameSkip,
            MaxPool = ParseMaxPool(MaxPool),
            NoopMax = NoopMax,
            StickyActionProbability = StickyActions,
            EpisodicLife = true,
            FireReset = true,
            ScreenSize = ScreenSize,
            Normalize = Normalize,
            FrameStack = 1,
            ClipReward = false,
            MaxFrames = cap,
            RecordStatistics = true,
        };
    }

    public static MaxPooling ParseMaxPool(string text) => text.Trim().ToLowerInvariant() switch
    {
        "authors" => MaxPooling.AuthorsDeque3,
        "last2" => MaxPooling.LastTwo,
        "none" => MaxPooling.None,
        _ => throw new ArgumentException($"max pool must be authors, last2 or none, got '{text}'"),
    };

    /// <summary>Throws ArgumentException naming the first setting that cannot run.</summary>
    public void Validate()
    {
        if (!AgentFactory.Names.Contains(Agent)) throw new ArgumentException($"agent must be one of {string.Join(", ", AgentFactory.Names)}, got '{Agent}'");
        if (Mode is not (Hogwild or Learner)) throw new ArgumentException($"mode must be hogwild or learner, got '{Mode}'");
        if (FrameSkip < 0) throw new ArgumentException($"frame skip must be >= 0 (0 and 1 mean every frame), got {FrameSkip}");
        Positive(Workers, "workers");
        Positive(EnvsPerActor, "envs per actor");
        if (Frames <= 0) throw new ArgumentException($"frames must be > 0, got {Frames}");
        Positive(RolloutSteps, "rollout steps");
        if (!(Gamma is >= 0 and <= 1)) throw new ArgumentException($"gamma must be in [0, 1], got {Gamma}");
        if (!(GaeTau is >= 0 and <= 1)) throw new ArgumentException($"gae tau must be in [0, 1], got {GaeTau}");
        NonNegative(ValueCoef, "value coef");
        NonNegative(EntropyCoef, "entropy coef");
        NonNegative(RewardClip, "reward clip");
        NonNegative(GradClip, "grad clip");
        if (Optimizer is not ("adam" or "rmsprop")) throw new ArgumentException($"optimizer must be adam or rmsprop, got '{Optimizer}'");
        if (!(Lr > 0) || double.IsInfinity(Lr)) throw new ArgumentException($"lr must be > 0, got {Lr}");
        NonNegative(AdamEps, "adam eps");
        if (!(VtraceRhoBar > 0) || !(VtraceCBar > 0)) throw new ArgumentException("vtrace rho bar and c bar must be > 0");
        if (LearnerBatch < 0) throw new ArgumentException($"learner batch must be >= 0 (0 = one rollout per environment), got {LearnerBatch}");
        ParseMaxPool(MaxPool);
        if (NoopMax < 0) throw new ArgumentException($"noop max must be >= 0, got {NoopMax}");
        if (!(StickyActions is >= 0 and <= 1)) throw new ArgumentException($"sticky actions must be in [0, 1], got {StickyActions}");
        if (MaxEpisodeFrames < 0 || MaxEpisodeSteps < 0) throw new ArgumentException("episode caps must be >= 0 (0 = none)");
        Positive(ActorThreads, "actor threads");
        Positive(LearnerThreads, "learner threads");
        if (!(CheckpointMinutes > 0)) throw new ArgumentException($"checkpoint minutes must be > 0, got {CheckpointMinutes}");
        Positive(LogEvery, "log every");
        NonNegative(EvalEvery, "eval every");
        NonNegative(VideoEvery, "video every");
        Positive(Window, "window");
        AgentOptions.Validate();
        EnvOptions().Validate();
    }

    private static void Positive(long v, string name)
    {
        if (v <= 0) throw new ArgumentException($"{name} must be > 0, got {v}");
    }

    private static void NonNegative(double v, string name)
    {
        if (!(v >= 0) || double.IsInfinity(v)) throw new ArgumentException($"{name} must be >= 0, got {v}");
    }
}
