using SamRl.Agents;
using SamRl.Envs;
using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Training;

/// <summary>
/// The reference's test process: one greedy agent (argmax of the policy) that takes the newest weights at the start
/// of each episode, plays it to the end, logs it to eval.csv and waits <c>eval_every</c> seconds before the next.
/// Its frames are not training frames.
/// </summary>
internal sealed class EvalWorker(A3CConfig config, Func<Module, long> refresh, RunLog log)
{
    public void Run(CancellationToken token)
    {
        torch.set_num_threads(1);
        using var env = EnvFactory.Create(config.Env, config.EnvOptions());
        using var model = AgentFactory.Create(config.Agent, env.ObservationSpace.Shape, env.ActionSpace.N, config.AgentOptions);
        long episode = log.EvalEpisodes;
        while (!token.IsCancellationRequested)
        {
            refresh(model);
            var seed = (int)(Actor.SeedFor(config.Seed, -2, 0, episode++) & 0x7FFFFFFF);
            var result = GreedyEpisode.Play(model, env, seed, token);
            if (result is null) return;
            log.Evaluated(result.Value.Return, result.Value.Frames);
            token.WaitHandle.WaitOne(TimeSpan.FromSeconds(config.EvalEvery));
        }
    }
}
