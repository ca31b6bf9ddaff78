using SamRl.Agents;
using SamRl.Envs;
using SamRl.Torch;
using SamRl.Torch.Optim;

namespace SamRl.Training.Tests;

public class LeakTests
{
    private sealed class NullSink : IActorSink
    {
        public long FrameCount;
        public int Episodes;

        public void Frames(long count) => FrameCount += count;

        public void EpisodeEnded(int actor, EpisodeStatistics episode) => Episodes++;
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("stm")]
    public void ThousandActorStepsWithUpdatesLeaveNoTensorBehind(string kind)
    {
        var config = TrainerFixture.Catch(kind);
        using var env = EnvFactory.Create("catch", config.EnvOptions());
        using var env2 = EnvFactory.Create("catch", config.EnvOptions());
        using var g = new Generator(2);
        var local = AgentFactory.Create(kind, env.ObservationSpace.Shape, 3, config.AgentOptions, g);
        using var shared = AgentFactory.Create(kind, env.ObservationSpace.Shape, 3, config.AgentOptions, g);
        using var optimizer = new Adam(shared.parameters(), 1e-3, eps: 1e-3, amsgrad: true, legacyEps: true);
        // Two environments per actor: the batched act path (cat / split of states) runs too.
        using var actor = new Actor(0, local, [EnvFactory.Create("catch", config.EnvOptions()), EnvFactory.Create("catch", config.EnvOptions())], 1, 1);
        var sink = new NullSink();
        var settings = A3CLoss.Settings.From(config, vtrace: false);
        var parameters = local.parameters().ToArray();
        void Round()
        {
            WeightCopy.Copy(shared, local);
            var rollouts = actor.Collect(5, 0, sink);
            using var scope = torch.NewDisposeScope();
            using var batch = RolloutBatch.Create(rollouts, Device.CPU);
            local.zero_grad();
            var (loss, _) = A3CLoss.Compute(local, batch, settings);
            loss.backward();
            optimizer.step(parameters.Select(p => p.grad).ToArray());
        }

        for (int i = 0; i < 20; i++) Round();
        long before = torch.LiveTensors;
        long framesBefore = sink.FrameCount;
        for (int i = 0; i < 200; i++) Round();
        // Gradients are held by the parameters between rounds; their number does not grow.
        Assert.Equal(before, torch.LiveTensors);
        Assert.True(sink.FrameCount - framesBefore >= 1000, $"only {sink.FrameCount - framesBefore} steps were played");
        Assert.True(sink.Episodes > 100);
        local.Dispose();
    }
}
