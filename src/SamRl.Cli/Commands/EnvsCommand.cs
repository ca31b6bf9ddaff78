using System.CommandLine;
using SamRl.Envs;
using SamRl.Envs.Ale;
using SamRl.Envs.Diagnostics;
using Spectre.Console;

namespace SamRl.Cli.Commands;

/// <summary>`samrl envs list|check|trace`: what environments exist, how the built-in Pong compares with the real game, and frame-by-frame traces to diff them.</summary>
public static class EnvsCommand
{
    public static Command Create()
    {
        var envs = new Command("envs", "Environments: list them, check the built-in Pong against the real game's statistics, or trace a policy frame by frame to diff the two games.");
        envs.Subcommands.Add(CreateList());
        envs.Subcommands.Add(CreateCheck());
        envs.Subcommands.Add(EnvsTraceCommand.Create());
        return envs;
    }

    private static Command CreateList()
    {
        var cmd = new Command("list", "Environment ids, their actions and observation spaces, and whether ALE is available.");
        cmd.SetAction(_ =>
        {
            using IEnv pong = EnvFactory.Create("pong", EnvOptions.Raw);
            using IEnv stack = EnvFactory.Create("pong");
            Console.WriteLine("| id | what | actions | observation |");
            Console.WriteLine("|---|---|---|---|");
            Console.WriteLine($"| pong | built-in Atari Pong (default) | {string.Join(" ", pong.ActionMeanings)} | raw {pong.ObservationSpace}; default stack {stack.ObservationSpace} |");
            bool ale = AleLibrary.TryLoad(out string why);
            string aleState = ale ? $"ALE {AleLibrary.Version()}" : $"unavailable: {why}";
            Console.WriteLine($"| ale:<game> | a ROM found by name in --rom, ${RomLocator.RomsDirVariable} or ale-py's roms/ ({aleState}) | the game's minimal set | 210x160x3 |");
            Console.WriteLine($"| ale:<path.bin> | a ROM file | the game's minimal set | 210x160x3 |");
            return 0;
        });
        return cmd;
    }

    private static Command CreateCheck()
    {
        var id = new Argument<string>("env") { Description = "environment id (pong, or ale:pong to measure the real game)", DefaultValueFactory = _ => "pong" };
        var episodes = new Option<int>("--episodes") { Description = "episodes of the random policy per frame skip", DefaultValueFactory = _ => 30 };
        var seed = new Option<int>("--seed") { Description = "first seed; episode i uses seed + i", DefaultValueFactory = _ => 0 };
        var skips = new Option<string>("--skips") { Description = "agent frame skips, comma separated (0 = every frame)", DefaultValueFactory = _ => "1,4,16,32" };
        var rom = new Option<string?>("--rom") { Description = "ROM file for ale:<game>" };
        var cmd = new Command("check", "Random and always-NOOP statistics per frame skip, next to the real game's measured numbers (pong-facts.md).")
        {
            id, episodes, seed, skips, rom,
        };
        cmd.SetAction(pr =>
        {
            string envId = pr.GetValue(id)!;
            int n = pr.GetValue(episodes), s = pr.GetValue(seed);
            if (n < 1)
            {
                throw new UsageException("--episodes must be >= 1");
            }

            int[] ks = ParseSkips(pr.GetValue(skips)!);
            var options = EnvOptions.Raw with { RomPath = pr.GetValue(rom) };
            Func<IEnv> make = () => EnvFactory.CreateRaw(envId, options);
            Guard(() => make().Dispose());

            var rows = new List<PolicyStatistics>();
            var err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            err.Progress().AutoClear(true).Start(ctx =>
            {
                foreach (int k in ks)
                {
                    ProgressTask noop = ctx.AddTask($"noop   k={k}", maxValue: 2);
                    rows.Add(PolicyStatistics.From("noop", k.ToString(), PolicyEvaluator.Play(make, SimplePolicy.Noop, k, 2, s, onEpisode: e => noop.Value = e)));
                }

                foreach (int k in ks)
                {
                    ProgressTask random = ctx.AddTask($"random k={k}", maxValue: n);
                    rows.Add(PolicyStatistics.From("random", k.ToString(), PolicyEvaluator.Play(make, SimplePolicy.Random, k, n, s, onEpisode: e => random.Value = e)));
                }
            });

            Console.WriteLine($"## {envId} (this run; seed {s}, frame skip by action repeat, no other wrappers)");
            Console.WriteLine();
            Console.WriteLine(PolicyStatistics.MarkdownHeader);
            rows.ForEach(r => Console.WriteLine(r.ToMarkdownRow()));
            Console.WriteLine();
            Console.WriteLine("## Real Atari Pong, measured through ALE 0.12.1 (pong-facts.md section 5; reference, not run here)");
            Console.WriteLine();
            Console.WriteLine(PolicyStatistics.MarkdownHeader);
            foreach (PolicyStatistics r in PongReference.MeasuredAle)
            {
                Console.WriteLine(r.ToMarkdownRow());
            }

            Console.WriteLine();
            Console.WriteLine("## Side by side (this run vs measured ALE)");
            Console.WriteLine();
            Console.WriteLine("| policy | k | return mean: this / ALE | frames mean: this / ALE | agent points mean: this / ALE |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach (PolicyStatistics r in rows)
            {
                PolicyStatistics? refRow = PongReference.MeasuredAle.FirstOrDefault(x => x.Policy == r.Policy && (x.Skip == r.Skip || x.Skip == "any"));
                string Pair(double mine, double? theirs, string format) =>
                    theirs.HasValue ? $"{mine.ToString(format)} / {theirs.Value.ToString(format)}" : $"{mine.ToString(format)} / -";
                Console.WriteLine($"| {r.Policy} | {r.Skip} | {Pair(r.ReturnMean, refRow?.ReturnMean, "F2")} | {Pair(r.FramesMean, refRow?.FramesMean, "F0")} | {Pair(r.AgentPointsMean, refRow?.AgentPointsMean, "F2")} |");
            }

            return 0;
        });
        return cmd;
    }

    /// <summary>"1,4,16" -> [1, 4, 16]; a negative or non-numeric skip is a usage error.</summary>
    internal static int[] ParseSkips(string text)
    {
        var ks = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, out int k) || k < 0)
            {
                throw new UsageException($"--skips: '{part}' is not a frame skip (an integer >= 0; 0 means every frame)");
            }

            ks.Add(k);
        }

        return ks.Count > 0 ? [.. ks] : throw new UsageException("--skips: give at least one frame skip, e.g. 1,4,16,32");
    }

    /// <summary>Runs env construction, turning bad ids and unusable ROMs into one-line usage errors.</summary>
    internal static void Guard(Action build)
    {
        try
        {
            build();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        catch (AleException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
