using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SamRl.Cli.Watch;
using SamRl.Training;

namespace SamRl.Cli.Commands;

/// <summary>
/// `samrl watch runs/&lt;id&gt;`: plays a trained agent's games and shows them: live in the terminal (24-bit colour half
/// blocks at game speed, score, step, value estimate and action probabilities beside the screen), or plainly when the
/// terminal cannot draw, and with --video into an .mp4 or .gif through ffmpeg.
/// </summary>
public static class WatchCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("run") { Description = "a run folder (runs/<id>) or a checkpoint file in one" };
        var episodes = new Option<int>("--episodes") { Description = "games to play", DefaultValueFactory = _ => 1 };
        var sample = new Option<bool>("--sample") { Description = "sample actions from the policy (default: greedy, the most probable action, as the reference's test process)" };
        var frameSkip = new Option<int?>("--frame-skip") { Description = "play at another frame skip than the run's" };
        var fast = new Option<bool>("--fast") { Description = "draw as fast as possible instead of at game speed" };
        var video = new Option<string?>("--video") { Description = "also encode the games into this .mp4 or .gif (ffmpeg)" };
        var withObs = new Option<bool>("--with-observation") { Description = "in the video, put the agent's observation (what it sees, 80x80) beside the screen" };
        var checkpoint = new Option<string>("--checkpoint") { Description = "best or latest, for a run folder", DefaultValueFactory = _ => "best" };
        var seed = new Option<int>("--seed") { Description = "seed of the first game (the next games add 1)", DefaultValueFactory = _ => 1 };
        var noScreen = new Option<bool>("--no-screen") { Description = "do not draw in the terminal (a line per game only)" };
        var cmd = new Command("watch", "Watch a trained agent play: live in the terminal, or into a video with --video.")
        {
            target, episodes, sample, frameSkip, fast, video, withObs, checkpoint, seed, noScreen,
        };
        cmd.SetAction(pr =>
        {
            int n = pr.GetValue(episodes);
            if (n < 1) throw new UsageException("--episodes must be >= 1");
            if (pr.GetValue(frameSkip) is < 0) throw new UsageException("--frame-skip must be >= 0");
            string which = pr.GetValue(checkpoint)!;
            if (which is not ("best" or "latest")) throw new UsageException($"--checkpoint must be best or latest, got '{which}'");
            WatchedPolicy policy;
            try
            {
                policy = WatchedPolicy.Open(pr.GetValue(target)!, which, pr.GetValue(frameSkip));
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or ArgumentException)
            {
                throw new UsageException(e.Message.Split('\n')[0]);
            }

            using (policy)
                return Play(policy, n, pr.GetValue(sample), pr.GetValue(fast), pr.GetValue(video), pr.GetValue(withObs), pr.GetValue(seed), !pr.GetValue(noScreen) && TerminalScreen.Supported);
        });
        return cmd;
    }

    private static int Play(WatchedPolicy policy, int episodes, bool sample, bool fast, string? videoPath, bool withObs, int seed, bool draw)
    {
        var config = policy.Config;
        int k = Math.Max(config.FrameSkip, 1);
        var meanings = policy.Env.ActionMeanings;
        var obsShape = policy.Model.ObservationShape;
        bool obsImage = withObs && obsShape.Length == 3;
        if (withObs && !obsImage) Console.Error.WriteLine("samrl: --with-observation: this agent's observation is not an image; the video shows the screen only");
        int videoWidth = TerminalScreen.Width + (obsImage ? (int)obsShape[2] : 0);
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        using var writer = videoPath is null ? null : OpenVideo(videoPath, videoWidth, TerminalScreen.Height, 60.0 / k);
        var screen = draw ? new TerminalScreen(Console.Out) : null;
        var results = new List<(double Return, long Frames)>();
        var rng = sample ? new Random(seed) : null;
        var frame = new byte[videoWidth * TerminalScreen.Height * 3];
        try
        {
            Console.Error.WriteLine($"watching {Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(policy.CheckpointPath)))} ({config.Agent}, {config.Env}, frame skip {config.FrameSkip}) from {policy.CheckpointPath}, {(sample ? "sampled" : "greedy")} actions");
            for (int ep = 0; ep < episodes && !cts.IsCancellationRequested; ep++)
            {
                double score = 0;
                var clock = Stopwatch.StartNew();
                var result = GreedyEpisode.Play(policy.Model, policy.Env, seed + ep, cts.Token, view =>
                {
                    score += view.Result.Reward;
                    if (writer is null && screen is null) return;
                    var rgb = policy.Env.Unwrapped.Render();
                    if (screen is not null)
                    {
                        var side = new List<string>
                        {
                            $"game {ep + 1}/{episodes}   step {view.Step}",
                            Inv($"score {score:+0;-0;0}   value {view.Value:F3}"),
                            "",
                        };
                        for (int a = 0; a < view.Probabilities.Length; a++)
                        {
                            float p = view.Probabilities[a];
                            string name = a < meanings.Count ? meanings[a] : a.ToString(CultureInfo.InvariantCulture);
                            side.Add(Inv($"{(a == view.Action ? '>' : ' ')} {name,-10} {new string('#', (int)Math.Round(p * 20)),-20} {p:F2}"));
                        }

                        screen.Draw(rgb, side);
                        if (!fast)
                        {
                            // Game speed: each step is k frames at 60 frames per second.
                            double due = view.Step * k / 60.0;
                            double ahead = due - clock.Elapsed.TotalSeconds;
                            if (ahead > 0) Thread.Sleep(TimeSpan.FromSeconds(ahead));
                        }
                    }

                    if (writer is not null)
                    {
                        ComposeFrame(frame, videoWidth, rgb, obsImage ? view.Result.Observation : default, obsShape);
                        writer.Write(frame);
                    }
                }, rng);
                if (result is { } r) results.Add((r.Return, r.Frames));
            }
        }
        finally
        {
            screen?.Dispose();
            Console.CancelKeyPress -= onCancel;
        }

        writer?.Close();
        for (int i = 0; i < results.Count; i++)
            Console.WriteLine(Inv($"game {i + 1}: return {results[i].Return:+0.##;-0.##;0}, {results[i].Frames:N0} frames"));
        if (results.Count > 1) Console.WriteLine(Inv($"mean return {results.Average(r => r.Return):F2} over {results.Count} games"));
        if (writer is not null) Console.WriteLine($"video: {writer.Path}");
        return cts.IsCancellationRequested ? 130 : 0;
    }

    private static VideoWriter OpenVideo(string path, int width, int height, double fps)
    {
        try
        {
            return new VideoWriter(path, width, height, fps);
        }
        catch (Exception e) when (e is ArgumentException or FfmpegMissingException)
        {
            throw new UsageException($"--video: {e.Message}");
        }
    }

    /// <summary>The screen, and when given the observation (first channel, min-max scaled to grey) to its right.</summary>
    private static void ComposeFrame(byte[] frame, int width, byte[] rgb, SamRl.Envs.Observation obs, long[] shape)
    {
        Array.Clear(frame);
        for (int y = 0; y < TerminalScreen.Height; y++)
            Buffer.BlockCopy(rgb, y * TerminalScreen.Width * 3, frame, y * width * 3, TerminalScreen.Width * 3);
        if (obs.IsEmpty) return;
        var values = obs.ToFloats();
        int h = (int)shape[1], w = (int)shape[2];
        float lo = values.Take(h * w).Min(), hi = values.Take(h * w).Max(), span = hi > lo ? hi - lo : 1;
        for (int y = 0; y < h && y < TerminalScreen.Height; y++)
            for (int x = 0; x < w; x++)
            {
                byte g = (byte)Math.Clamp((values[(y * w) + x] - lo) / span * 255, 0, 255);
                int i = ((y * width) + TerminalScreen.Width + x) * 3;
                frame[i] = frame[i + 1] = frame[i + 2] = g;
            }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
