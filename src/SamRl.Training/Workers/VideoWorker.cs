using SamRl.Agents;
using SamRl.Envs;
using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Training;

/// <summary>
/// Records a greedy evaluation game every <c>video_every</c> training games into videos/game-&lt;n&gt;.mp4 of the run
/// folder: the newest weights, the run's environment, each agent step's screen, through ffmpeg. Its frames are not
/// training frames. A failed recording (ffmpeg missing, disk full) is reported once and recording stops; training goes on.
/// </summary>
internal sealed class VideoWorker(A3CConfig config, Func<Module, long> refresh, TrainingCounters counters, string folder, Action<string> warn)
{
    public void Run(CancellationToken token)
    {
        torch.set_num_threads(1);
        using var env = EnvFactory.Create(config.Env, config.EnvOptions());
        using var model = AgentFactory.Create(config.Agent, env.ObservationSpace.Shape, env.ActionSpace.N, config.AgentOptions);
        long next = ((counters.Games / config.VideoEvery) + 1) * config.VideoEvery;
        Directory.CreateDirectory(folder);
        while (!token.IsCancellationRequested)
        {
            if (counters.Games < next)
            {
                token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
                continue;
            }

            refresh(model);
            string path = Path.Combine(folder, $"game-{next:D6}.mp4");
            try
            {
                using var writer = new VideoWriter(path + ".part.mp4", 160, 210, 60.0 / Math.Max(config.FrameSkip, 1));
                var result = GreedyEpisode.Play(model, env, (int)(next & 0x7FFFFFFF), token, _ => writer.Write(env.Unwrapped.Render()));
                writer.Close();
                if (result is null)
                {
                    File.Delete(path + ".part.mp4");
                    return;
                }

                File.Move(path + ".part.mp4", path, overwrite: true);
            }
            catch (Exception e) when (e is FfmpegMissingException or InvalidOperationException or IOException)
            {
                warn($"video recording stopped: {e.Message}");
                return;
            }

            next += config.VideoEvery;
        }
    }
}
