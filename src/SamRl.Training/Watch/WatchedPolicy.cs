using SamRl.Agents;
using SamRl.Envs;

namespace SamRl.Training;

/// <summary>
/// A trained agent and the environment of its run, ready to be watched: from a run folder (its best checkpoint, else
/// its latest) or a checkpoint file inside one. The environment is built from the run's own settings, with the frame
/// skip optionally changed (an agent trained at skip 4 played at skip 16, say).
/// </summary>
public sealed class WatchedPolicy : IDisposable
{
    private WatchedPolicy(A3CConfig config, string checkpoint, ActorCritic model, IEnv env)
    {
        Config = config;
        CheckpointPath = checkpoint;
        Model = model;
        Env = env;
    }

    public A3CConfig Config { get; }

    public string CheckpointPath { get; }

    public ActorCritic Model { get; }

    public IEnv Env { get; }

    /// <param name="path">A run folder, or a .safetensors checkpoint in its checkpoints/ folder.</param>
    /// <param name="which">"best" or "latest" for a run folder (best falls back to latest when there is none yet).</param>
    public static WatchedPolicy Open(string path, string which = "best", int? frameSkip = null)
    {
        string checkpoint;
        A3CRunFolder folder;
        if (File.Exists(path))
        {
            checkpoint = path;
            string run = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(path))!)!;
            folder = A3CRunFolder.Open(run);
        }
        else
        {
            folder = A3CRunFolder.Open(path);
            checkpoint = which switch
            {
                "best" => File.Exists(folder.BestCheckpointPath) ? folder.BestCheckpointPath : folder.LatestCheckpointPath,
                "latest" => folder.LatestCheckpointPath,
                _ => throw new ArgumentException($"checkpoint must be best or latest, got '{which}'"),
            };
            if (!File.Exists(checkpoint)) throw new FileNotFoundException($"{path}: no checkpoint yet ({checkpoint} does not exist)", checkpoint);
        }

        var config = folder.ReadConfig();
        if (frameSkip is { } k) config = config with { FrameSkip = k };
        config.Validate();
        var env = EnvFactory.Create(config.Env, config.EnvOptions());
        try
        {
            var model = AgentFactory.Create(config.Agent, env.ObservationSpace.Shape, env.ActionSpace.N, config.AgentOptions);
            try
            {
                A3CCheckpoint.Load(checkpoint, model, null);
                return new WatchedPolicy(config, checkpoint, model, env);
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }
        catch
        {
            env.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Model.Dispose();
        Env.Dispose();
    }
}
