using SamRl.Envs.Ale;
using SamRl.Envs.Catch;
using SamRl.Envs.Control;
using SamRl.Envs.Memory;
using SamRl.Envs.Pong;
using SamRl.Envs.Wrappers;

namespace SamRl.Envs;

/// <summary>
/// Builds an environment and its wrapper stack from an id: "pong" (the built-in Pong), "ale:&lt;game&gt;"
/// (a ROM found by name, e.g. ale:pong) or "ale:&lt;path to .bin&gt;".
/// Inside out: game, sticky actions, time limit (frames), episode statistics, no-op reset, frame skip with
/// max-pool, episodic life, fire reset, warp (crop/gray/resize), normalisation, frame stack, reward clip.
/// </summary>
public static class EnvFactory
{
    public const string ValidIds = "pong, ale:<game> (e.g. ale:pong), ale:<path to a .bin ROM>, catch, catch:<W>x<H>, cartpole, cartpole-masked, tmaze:<length>, recall:<delay>";

    public static IEnv Create(string id, EnvOptions? options = null)
    {
        options ??= new EnvOptions();
        options.Validate();
        IEnv env = CreateRaw(id, options);
        try
        {
            return Wrap(env, options);
        }
        catch
        {
            env.Dispose();
            throw;
        }
    }

    /// <summary>The bare game for an id, with only the ALE-side settings of <paramref name="options"/> applied.</summary>
    public static IEnv CreateRaw(string id, EnvOptions? options = null)
    {
        options ??= EnvOptions.Raw;
        string key = (id ?? string.Empty).Trim();
        if (key.Equals("pong", StringComparison.OrdinalIgnoreCase))
        {
            return new PongEnv();
        }

        if (key.Equals("catch", StringComparison.OrdinalIgnoreCase))
        {
            return new CatchEnv();
        }

        if (key.Equals("cartpole", StringComparison.OrdinalIgnoreCase)) return new CartPoleEnv();
        if (key.Equals("cartpole-masked", StringComparison.OrdinalIgnoreCase)) return new CartPoleEnv(masked: true);
        if (key.StartsWith("tmaze:", StringComparison.OrdinalIgnoreCase)) return new TMazeEnv(Count(key, 6, "tmaze length", "tmaze:5"));
        if (key.StartsWith("recall:", StringComparison.OrdinalIgnoreCase)) return new RecallEnv(Count(key, 7, "recall delay", "recall:4"));

        if (key.StartsWith("catch:", StringComparison.OrdinalIgnoreCase))
        {
            var size = key[6..].Split('x', 'X');
            if (size.Length != 2 || !int.TryParse(size[0], out int w) || !int.TryParse(size[1], out int h))
            {
                throw new ArgumentException($"catch size must be <width>x<height> (e.g. catch:5x5), got '{key[6..]}'");
            }

            return new CatchEnv(w, h);
        }

        if (key.StartsWith("ale:", StringComparison.OrdinalIgnoreCase) && key.Length > 4)
        {
            string target = key[4..];
            bool isPath = target.Contains('/') || target.Contains('\\') || target.EndsWith(".bin", StringComparison.OrdinalIgnoreCase);
            string rom = isPath ? RomLocator.Find(Path.GetFileNameWithoutExtension(target), target) : RomLocator.Find(target.ToLowerInvariant(), options.RomPath);
            return new AleEnv(rom, new AleEnvOptions
            {
                RepeatActionProbability = (float)options.StickyActionProbability,
                FullActionSpace = options.FullActionSpace,
                Mode = options.Mode,
                Difficulty = options.Difficulty,
            });
        }

        throw new ArgumentException($"unknown environment '{id}'; valid ids: {ValidIds}");
    }

    private static int Count(string key, int prefix, string what, string example) =>
        int.TryParse(key[prefix..], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n)
            ? n
            : throw new ArgumentException($"{what} must be a whole number (e.g. {example}), got '{key[prefix..]}'");

    /// <summary>Wraps a bare game as <paramref name="options"/> say (ALE applies sticky actions itself, so they are only added to other games).</summary>
    public static IEnv Wrap(IEnv env, EnvOptions options)
    {
        options.Validate();
        if (options.StickyActionProbability > 0 && env is not AleEnv)
        {
            env = new StickyActions(env, options.StickyActionProbability);
        }

        if (options.MaxFrames > 0)
        {
            env = new TimeLimit(env, options.MaxFrames);
        }

        if (options.RecordStatistics)
        {
            env = new RecordEpisodeStatistics(env);
        }

        if (options.NoopMax > 0)
        {
            env = new NoopReset(env, options.NoopMax);
        }

        if (options.FrameSkip > 1 || options.MaxPool == MaxPooling.AuthorsDeque3)
        {
            env = new MaxAndSkip(env, options.FrameSkip, options.MaxPool);
        }

        if (options.EpisodicLife)
        {
            env = new EpisodicLife(env);
        }

        if (options.FireReset && env.ActionMeanings.Count >= 3 && env.ActionMeanings[1] == "FIRE")
        {
            env = new FireReset(env);
        }

        if (options.ScreenSize != 0)
        {
            env = new WarpFrame(env, WarpFrameOptions.ForScreenSize(options.ScreenSize));
        }

        if (options.Normalize)
        {
            env = new NormalizeObservation(env);
        }

        if (options.FrameStack > 1)
        {
            env = new FrameStack(env, options.FrameStack);
        }

        if (options.ClipReward)
        {
            env = new ClipReward(env);
        }

        return env;
    }
}
