using SamRl.Memory;
using SamRl.Torch;

namespace SamRl.Agents.Tests;

public class AgentTests
{
    // A 32×32 frame keeps the conv encoder (64 features) fast enough to compare every gradient in float64.
    private static readonly int[] SmallFrame = [1, 32, 32];

    private static AgentOptions Small => new()
    {
        LstmHidden = 12,
        StmLstmHidden = 10,
        StmSlots = 3,
        StmSlotSize = 5,
        StmRelSize = 4,
        StmOutAttSize = 6,
        StmMlpSize = 7,
        MlpHidden = 9,
    };

    private static T InFloat64<T>(Func<T> body)
    {
        var old = torch.DefaultDType;
        torch.DefaultDType = ScalarType.Float64;
        try
        {
            return body();
        }
        finally
        {
            torch.DefaultDType = old;
        }
    }

    [Fact]
    public void StmAgentHasTheAuthorsNamesAndCount()
    {
        using var agent = AgentFactory.Create("stm", [1, 80, 80], 6);
        Assert.Equal(2_652_412, agent.ParameterCount());
        var names = agent.state_dict().Keys.ToList();
        string[] expectedHeads = ["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "conv3.weight", "conv3.bias", "conv4.weight", "conv4.bias"];
        Assert.Equal(expectedHeads, names.Take(8));
        Assert.Equal(["critic_linear.weight", "critic_linear.bias", "actor_linear.weight", "actor_linear.bias"], names.TakeLast(4));
        Assert.Contains("lstm.weight_ih", names);
        Assert.Contains("lstm.bias_hh", names);
        using var cell = new StmCell(256, 256, StmOptions.RlReference);
        var samNames = names.Where(n => n.StartsWith("sam.", StringComparison.Ordinal)).Select(n => n[4..]).ToHashSet();
        Assert.True(samNames.SetEquals(cell.state_dict().Keys), "the sam.* entries are STM_rl's names");
        Assert.Equal(8 + samNames.Count + 4 + 4, names.Count);
    }

    [Fact]
    public void LstmAgentIsUpstreamA3Clstm()
    {
        // conv 96,224 + LSTMCell(1024, 512) 3,149,824 + critic 513 + actor 3,078.
        using var agent = AgentFactory.Create("lstm", [1, 80, 80], 6);
        Assert.Equal(3_249_639, agent.ParameterCount());
        Assert.Equal(new long[] { 2048, 1024 }, agent.state_dict()["lstm.weight_ih"].shape);
        Assert.Equal(new long[] { 6, 512 }, agent.state_dict()["actor_linear.weight"].shape);
    }

    [Fact]
    public void ReferenceInitialisation()
    {
        using var g = new Generator(3);
        using var agent = AgentFactory.Create("stm", [1, 80, 80], 6, null, g);
        var sd = agent.state_dict();
        // norm_col_init: every row of the actor has norm 0.01, of the critic 1.0; biases 0.
        var actorNorms = sd["actor_linear.weight"].square().sum(1).sqrt().data<float>();
        Assert.All(actorNorms, n => Assert.Equal(0.01, n, 1e-6));
        Assert.Equal(1.0, sd["critic_linear.weight"].norm().item(), 1e-5);
        foreach (var b in new[] { "actor_linear.bias", "critic_linear.bias", "conv2.bias", "lstm.bias_ih", "lstm.bias_hh", "sam.rel_projector.bias" })
            Assert.Equal(0.0, sd[b].abs().max().item());
        // conv2 (32→32, k5): U(±√2·√(6/(32·25 + 32·25))).
        double bound = Math.Sqrt(2) * Math.Sqrt(6.0 / (800 + 800));
        double max = sd["conv2.weight"].abs().max().item();
        Assert.InRange(max, 0.95 * bound, bound);
        // An STM Linear gets Xavier too: rel_projector (9216 → 96).
        double relBound = Math.Sqrt(6.0 / (9216 + 96));
        Assert.InRange(sd["sam.rel_projector.weight"].abs().max().item(), 0.95 * relBound, relBound);
        // The LSTM keeps PyTorch's U(±1/√256) weights; the STM's scalar gate biases their 0 and 1.
        Assert.InRange(sd["lstm.weight_hh"].abs().max().item(), 0.95 / 16, 1.0 / 16);
        Assert.Equal(1.0, sd["sam.forget_bias"].item());
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("stm")]
    [InlineData("ff")]
    public void EvaluateEqualsStepByStepActGradientsIncluded(string kind)
    {
        InFloat64(() =>
        {
            const int steps = 5, batch = 2;
            using var g = new Generator(11);
            using var agent = AgentFactory.Create(kind, SmallFrame, 4, Small, g);
            using var scope = torch.NewDisposeScope();
            var frames = torch.randn([steps, batch, .. SmallFrame.Select(x => (long)x)], g);
            var wl = torch.randn([steps, batch, 4], g);
            var wv = torch.randn([steps, batch], g);

            // Batched: the encoder once over all frames, the core unrolled.
            var (logits, values) = agent.Evaluate(frames, agent.InitialState(batch));
            logits.mul(wl).sum().add(values.mul(wv).sum()).backward();
            var batched = agent.parameters().Select(p => p.grad?.clone()).ToArray();
            var batchedLogits = logits.detach().clone();
            var batchedValues = values.detach().clone();
            agent.zero_grad();

            // Step by step, as actors act.
            var state = agent.InitialState(batch);
            Tensor total = torch.zeros([]);
            var stepLogits = new List<Tensor>();
            var stepValues = new List<Tensor>();
            for (int t = 0; t < steps; t++)
            {
                var (l, v, next) = agent.Act(frames.select(0, t), state);
                state = next;
                total = total.add(l.mul(wl.select(0, t)).sum()).add(v.mul(wv.select(0, t)).sum());
                stepLogits.Add(l);
                stepValues.Add(v);
            }

            total.backward();
            Assert.True(torch.stack(stepLogits, 0).allclose(batchedLogits, 1e-10, 1e-12), "logits differ");
            Assert.True(torch.stack(stepValues, 0).allclose(batchedValues, 1e-10, 1e-12), "values differ");
            var names = agent.named_parameters().Select(p => p.name).ToArray();
            var stepped = agent.parameters().Select(p => p.grad).ToArray();
            int nonzero = 0;
            for (int i = 0; i < names.Length; i++)
            {
                // The RL STM's dead parameters (f2, f3, α1, α2, the initial Mr) get no gradient either way.
                Assert.Equal(batched[i] is null, stepped[i] is null);
                if (batched[i] is null) continue;
                Assert.True(stepped[i]!.allclose(batched[i]!, 1e-9, 1e-12), $"{kind}: gradient of {names[i]} differs");
                if (batched[i]!.abs().max().item() > 0) nonzero++;
            }

            // The comparison means something only if gradients reach (almost) everything.
            Assert.True(nonzero > names.Length * 3 / 4, $"only {nonzero} of {names.Length} gradients are non-zero");
            return 0;
        });
    }

    [Fact]
    public void VectorObservationsGetTheMlpEncoder()
    {
        using var agent = AgentFactory.Create("lstm", [7], 3, Small);
        Assert.IsType<MlpEncoder>(agent.Encoder);
        Assert.Contains("fc1.weight", agent.state_dict().Keys);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var (logits, value, _) = agent.Act(torch.zeros([2, 7]), agent.InitialState(2));
        Assert.Equal(new long[] { 2, 3 }, logits.shape);
        Assert.Equal(new long[] { 2 }, value.shape);
    }

    [Fact]
    public void FeedForwardAgentHasNoStateAndOnlyEncoderAndHeads()
    {
        using var agent = AgentFactory.Create("ff", [4], 2, Small);
        Assert.Equal(0, agent.InitialState(3).Count);
        Assert.Equal(["actor_linear", "critic_linear", "fc1", "fc2"], agent.state_dict().Keys.Select(k => k.Split('.')[0]).Distinct().Order());
    }

    [Fact]
    public void BadInputsAreClearErrors()
    {
        Assert.Contains("valid agents", Assert.Throws<ArgumentException>(() => AgentFactory.Create("gru", [1, 80, 80], 6)).Message);
        Assert.Contains("no encoder", Assert.Throws<ArgumentException>(() => AgentFactory.Create("lstm", [3, 4], 6)).Message);
        using var agent = AgentFactory.Create("lstm", [5], 2, Small);
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => agent.Act(torch.zeros([1, 6]), agent.InitialState(1)));
        Assert.Contains("[B, 5]", e.Message);
    }
}
