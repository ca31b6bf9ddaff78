using System.Diagnostics;
using SamRl.Envs.Ale;
using SamRl.Envs.Pong;

namespace SamRl.Envs.Diagnostics;

/// <summary>
/// Frames per second of the built-in Pong (raw, screen every frame; and through the full preprocessing stack at
/// frame skip 4) and of ALE (when the shim and a ROM are there), measured side by side: the cases take turns in
/// short slices so that load on the machine hits them alike. Random actions from a fixed seed.
/// </summary>
public static class EnvBenchmark
{
    public static IReadOnlyList<BenchmarkResult> Run(double seconds, string? aleRom, Action<string>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(seconds, 0);
        var cases = new List<Case>
        {
            new("PongEnv", "raw, 1 frame per step, RGB screen drawn every frame", () => new PongEnv(), null, observe: true),
            new("PongEnv", "raw, no screen (game logic only)", () => new PongEnv(), null, observe: false),
            new("PongEnv + stack", "frame skip 4, max-pool, no-op/fire reset, 80x80 warp, normalise, clip", () => new PongEnv(), new EnvOptions(), observe: true),
        };

        var results = new List<BenchmarkResult>();
        string? aleReason = AleUnavailableReason(aleRom);
        if (aleReason is null)
        {
            cases.Add(new("AleEnv", $"raw ({Path.GetFileName(aleRom)}), RGB screen read every frame", () => new AleEnv(aleRom!), null, observe: true));
            cases.Add(new("AleEnv", $"raw ({Path.GetFileName(aleRom)}), act() only", () => new AleEnv(aleRom!), null, observe: false));
        }

        const int Slices = 5;
        foreach (Case c in cases)
        {
            progress?.Invoke($"warming up {c.Name} ({c.What})");
            c.Start();
            c.RunFor(Math.Min(0.2, seconds / 5));
            c.ResetCounters();
        }

        for (int slice = 0; slice < Slices; slice++)
        {
            foreach (Case c in cases)
            {
                progress?.Invoke($"slice {slice + 1}/{Slices}: {c.Name} ({c.What})");
                c.RunFor(seconds / Slices);
            }
        }

        foreach (Case c in cases)
        {
            results.Add(new BenchmarkResult(c.Name, c.What, c.Counter.Frames / c.Elapsed.TotalSeconds, c.Counter.Frames));
            c.Dispose();
        }

        if (aleReason is not null)
        {
            results.Add(new BenchmarkResult("AleEnv", "raw, RGB screen read every frame", 0, 0, aleReason));
        }

        return results;
    }

    /// <summary>Why ALE cannot be measured here (one line), or null when it can.</summary>
    public static string? AleUnavailableReason(string? rom)
    {
        if (!AleLibrary.TryLoad(out string why))
        {
            return why;
        }

        if (rom is null)
        {
            return "no ROM: pass --rom <pong.bin> or set ALE_ROMS_DIR";
        }

        try
        {
            AleEnv.CheckRom(rom);
            return null;
        }
        catch (AleException e)
        {
            return e.Message;
        }
    }

    /// <summary>One measured configuration; frames are counted just above the game, below every wrapper.</summary>
    private sealed class Case(string name, string what, Func<IEnv> makeGame, EnvOptions? stack, bool observe) : IDisposable
    {
        private readonly Random rng = new(0);
        private IEnv? env;

        public string Name => name;

        public string What => what;

        public FrameCounter Counter { get; private set; } = null!;

        public TimeSpan Elapsed { get; private set; }

        public void Start()
        {
            Counter = new FrameCounter(makeGame());
            env = stack is null ? Counter : EnvFactory.Wrap(Counter, stack);
            env.Reset(0);
        }

        public void ResetCounters()
        {
            Counter.Frames = 0;
            Elapsed = TimeSpan.Zero;
        }

        public void RunFor(double seconds)
        {
            IEnv e = env!;
            int actions = e.ActionSpace.N;
            var sw = Stopwatch.StartNew();
            long ticks = (long)(seconds * Stopwatch.Frequency);
            while (sw.ElapsedTicks < ticks)
            {
                for (int i = 0; i < 64; i++)
                {
                    StepResult r = e.Step(rng.Next(actions), observe);
                    if (r.Done)
                    {
                        e.Reset();
                    }
                }
            }

            Elapsed += sw.Elapsed;
        }

        public void Dispose() => env?.Dispose();
    }
}
