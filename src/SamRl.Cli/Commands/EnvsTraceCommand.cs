using System.CommandLine;
using SamRl.Envs;
using SamRl.Envs.Diagnostics;

namespace SamRl.Cli.Commands;

/// <summary>
/// `samrl envs trace`: one line per agent step of a deterministic screen-only policy, positions read from the screen,
/// so a run on the built-in Pong and one on the real game (ale:pong) can be compared with diff.
/// </summary>
public static class EnvsTraceCommand
{
    public const long DefaultMaxFrames = 108_000;

    public static Command Create()
    {
        var id = new Argument<string>("env") { Description = "pong (built-in) or ale:pong (the real game through ALE)", DefaultValueFactory = _ => "pong" };
        var env = new Option<string?>("--env") { Description = "the same as the env argument (e.g. --env ale:pong)" };
        var policy = new Option<string>("--policy")
        {
            Description = "noop: always NOOP. track: d = ball top row - (agent paddle top row + 6); d < -2 RIGHT (up), d > 2 LEFT (down), " +
                          "else NOOP; NOOP while the ball or the paddle is not on screen. random: uniform over the 6 actions from System.Random(seed). " +
                          "Positions are read from the observed screen only.",
            DefaultValueFactory = _ => "track",
        };
        var skip = new Option<int>("--frame-skip") { Description = "agent frame skip k: the action repeats for k emulator frames, the policy sees the last one (0 = 1)", DefaultValueFactory = _ => 1 };
        var frames = new Option<long>("--frames") { Description = "stop after this many emulator frames if the game is not over", DefaultValueFactory = _ => DefaultMaxFrames };
        var seed = new Option<int>("--seed") { Description = "reset seed, and the random policy's seed", DefaultValueFactory = _ => 0 };
        var fire = new Option<bool>("--fire") { Description = "noop and track press FIRE with every action (FIRE, RIGHTFIRE, LEFTFIRE): the agent smashes on every hit" };
        var rom = new Option<string?>("--rom") { Description = "ROM file for ale:pong" };
        var cmd = new Command(
            "trace",
            "Plays a screen-only policy and prints one line per agent step: frame action reward ball_x ball_y cpu_y agent_y " +
            "('-' = not on screen; ball = top-left pixel, paddles = top row), a header and a summary with the point frames. " +
            "Run it on pong and on ale:pong and diff the two outputs.")
        {
            id, env, policy, skip, frames, seed, fire, rom,
        };
        cmd.SetAction(pr =>
        {
            string envId = pr.GetValue(env) ?? pr.GetValue(id)!;
            if (pr.GetValue(env) is string fromOption && pr.GetResult(id) is { Implicit: false } && pr.GetValue(id) != fromOption)
            {
                throw new UsageException($"give the environment once: the argument says '{pr.GetValue(id)}', --env says '{fromOption}'");
            }

            int k = pr.GetValue(skip);
            if (k < 0)
            {
                throw new UsageException($"--frame-skip must be >= 0 (0 means every frame), got {k}");
            }

            long max = pr.GetValue(frames);
            if (max < 1)
            {
                throw new UsageException($"--frames must be >= 1, got {max}");
            }

            int s = pr.GetValue(seed);
            bool withFire = pr.GetValue(fire);
            ScreenPolicy p;
            try
            {
                p = ScreenPolicy.Create(pr.GetValue(policy)!, withFire, s);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"--policy: {e.Message}");
            }

            IEnv? game = null;
            EnvsCommand.Guard(() => game = EnvFactory.CreateRaw(envId, EnvOptions.Raw with { RomPath = pr.GetValue(rom) }));
            using IEnv opened = game!;
            int[] shape = opened.ObservationSpace.Shape;
            if (shape is not [210, 160, 3])
            {
                throw new UsageException($"trace reads Pong's 210x160 RGB screen; '{envId}' observes [{string.Join(',', shape)}]");
            }

            Console.WriteLine($"# samrl envs trace: env={envId} policy={p.Name} fire={(withFire ? "yes" : "no")} frame_skip={Math.Max(k, 1)} seed={s} max_frames={max}");
            Console.WriteLine($"# {TraceStep.Columns}");
            var output = Console.Out;
            TraceSummary summary = ScreenTrace.Run(opened, p, k, max, s, step => output.WriteLine(step.ToLine()));
            Console.WriteLine(summary.ToLine());
            return 0;
        });
        return cmd;
    }
}
