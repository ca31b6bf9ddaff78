using SamRl.Torch;

namespace SamRl.Training.Tests;

public class LossTests
{
    // A 3-step rollout worked by hand: rewards (1, 0, -1), V(s_0..s_2) = (0.5, -0.2, 0.3), V(s_3) = 0.4, γ = 0.9, τ = 0.8.
    // R_2 = -1 + 0.9·0.4 = -0.64, R_1 = 0.9·R_2 = -0.576, R_0 = 1 + 0.9·R_1 = 0.4816.
    // δ = (1 - 0.18 - 0.5, 0.27 + 0.2, -1 + 0.36 - 0.3) = (0.32, 0.47, -0.94); gae_2 = -0.94, gae_1 = 0.47 - 0.72·0.94 = -0.2068,
    // gae_0 = 0.32 - 0.72·0.2068 = 0.171104.
    private static readonly float[] Rewards = [1, 0, -1];
    private static readonly float[] Values = [0.5f, -0.2f, 0.3f];

    [Fact]
    public void GaeAndReturnsMatchTheHandComputation()
    {
        var (returns, gae) = Advantages.Gae(Rewards, Values, 0.4f, 0.9, 0.8);
        Assert.Equal([0.4816, -0.576, -0.64], returns.Select(x => (double)x), new Tol(1e-6));
        Assert.Equal([0.171104, -0.2068, -0.94], gae.Select(x => (double)x), new Tol(1e-6));
    }

    [Fact]
    public void GaeWithTauOneIsTheReturnMinusTheValue()
    {
        var (returns, gae) = Advantages.Gae(Rewards, Values, 0.4f, 0.9, 1.0);
        for (int t = 0; t < 3; t++) Assert.Equal(returns[t] - Values[t], gae[t], 1e-6);
    }

    [Fact]
    public void VTraceMatchesTheHandComputation()
    {
        // rewards (1, 0.5), V = (0.2, -0.1), bootstrap 0.3, γ 0.9, π/μ = (2, 0.5) → ρ = c = (1, 0.5) with ρ̄ = c̄ = 1.
        // δ_1 = 0.5·(0.5 + 0.27 + 0.1) = 0.435 → v_1 = 0.335; δ_0 = 1 - 0.09 - 0.2 = 0.71 → v_0 = 0.2 + 0.71 + 0.9·1·0.435 = 1.3015.
        // advantages: ρ_1(r_1 + γ·0.3 - V_1) = 0.435, ρ_0(r_0 + γ·v_1 - V_0) = 1 + 0.3015 - 0.2 = 1.1015.
        var (vs, adv) = Advantages.VTrace([1f, 0.5f], [0.2f, -0.1f], 0.3f, [(float)Math.Log(2), (float)Math.Log(0.5)], 0.9);
        Assert.Equal([1.3015, 0.335], vs.Select(x => (double)x), new Tol(1e-6));
        Assert.Equal([1.1015, 0.435], adv.Select(x => (double)x), new Tol(1e-6));
    }

    [Fact]
    public void OnPolicyVTraceIsTheNStepReturn()
    {
        var rng = new Random(5);
        var rewards = Enumerable.Range(0, 20).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var values = Enumerable.Range(0, 20).Select(_ => (float)rng.NextDouble()).ToArray();
        var (returns, _) = Advantages.Gae(rewards, values, 0.7f, 0.99, 0.92);
        var (vs, adv) = Advantages.VTrace(rewards, values, 0.7f, new float[20], 0.99);
        for (int t = 0; t < 20; t++)
        {
            Assert.Equal(returns[t], vs[t], 1e-5);
            // On-policy, the advantage is the one-step TD error on v: r_t + γ·v_{t+1} − V_t.
            double next = t == 19 ? 0.7 : vs[t + 1];
            Assert.Equal(rewards[t] + 0.99 * next - values[t], adv[t], 1e-5);
        }
    }

    [Fact]
    public void LossMatchesTheReferenceFormulaOnAFixedRollout()
    {
        // logits per step over 2 actions, actions (0, 1, 1): computed by hand (Python, float64):
        // policy = Σ -log π(a_t)·gae_t - 0.01·H_t = -0.62868234, value = Σ ½(R_t - V_t)² = 0.51265728,
        // loss = policy + 0.5·value = -0.37235370; mean entropy 0.66216056.
        using var scope = torch.NewDisposeScope();
        var rollout = new Rollout
        {
            Actor = 0,
            PolicyVersion = 0,
            Observations = new float[4],
            ObservationShape = [1],
            Actions = [0, 1, 1],
            Rewards = Rewards,
            BehaviourLogProbs = new float[3],
            Terminated = false,
        };
        using var batch = RolloutBatch.Create([rollout], Device.CPU);
        var logits = torch.tensor(new double[] { 0.2, -0.4, 1.0, 0.5, -0.3, 0.1 }, 3, 1, 2).requires_grad_();
        var values = torch.tensor(new double[] { 0.5, -0.2, 0.3, 0.4 }, 4, 1).requires_grad_();
        var (loss, stats) = A3CLoss.FromOutputs(logits.@float(), values.@float(), batch, new A3CLoss.Settings(0.9, 0.8, 0.5, 0.01));
        Assert.Equal(-0.3723536960413101, loss.item(), 1e-5);
        Assert.Equal(-0.6286823360413101, stats.PolicyLoss, 1e-5);
        Assert.Equal(0.51265728, stats.ValueLoss, 1e-5);
        Assert.Equal(0.6621605578948532, stats.Entropy, 1e-5);
        Assert.Equal(3, stats.Steps);

        // Targets are constants: the value of s_3 gets no gradient, V(s_t) gets 0.5·(V_t - R_t).
        loss.backward();
        var gv = values.grad!.data<double>();
        Assert.Equal(0.5 * (0.5 - 0.4816), gv[0], 1e-5);
        Assert.Equal(0.5 * (-0.2 + 0.576), gv[1], 1e-5);
        Assert.Equal(0.0, gv[3]);
    }

    [Fact]
    public void TerminatedRolloutsDoNotBootstrapAndPaddingIsMasked()
    {
        // Two rollouts in one batch, of 3 and 1 steps; the short one ends its game (return target = its reward).
        using var scope = torch.NewDisposeScope();
        Rollout Make(int steps, bool terminated) => new()
        {
            Actor = 0,
            PolicyVersion = 0,
            Observations = new float[steps + 1],
            ObservationShape = [1],
            Actions = new int[steps],
            Rewards = Enumerable.Repeat(1f, steps).ToArray(),
            BehaviourLogProbs = new float[steps],
            Terminated = terminated,
        };
        using var batch = RolloutBatch.Create([Make(3, false), Make(1, true)], Device.CPU);
        Assert.Equal(3, batch.Steps);
        Assert.Equal(new long[] { 4, 2, 1 }, batch.Frames.shape);
        Assert.Equal([1f, 1f, 1f, 0f, 1f, 0f], batch.Mask.data<float>());
        var logits = torch.zeros([4, 2, 3]);
        var values = torch.zeros([4, 2]).requires_grad_();
        var (loss, stats) = A3CLoss.FromOutputs(logits, values, batch, new A3CLoss.Settings(1.0, 1.0, 0.5, 0.0));
        // Values 0: rollout 0 returns (3, 2, 1) → ½Σ = 7; rollout 1 return 1 (no bootstrap) → ½. Mean over rollouts: 3.75.
        Assert.Equal(3.75, stats.ValueLoss, 1e-6);
        Assert.Equal(4, stats.Steps);
        loss.backward();
        var g = values.grad!.data<float>();
        Assert.Equal(0f, g[3]);      // rollout 1, step 1: padding
        Assert.Equal(0f, g[5]);      // rollout 1, step 2: padding
        Assert.Equal(-0.25f, g[1], 1e-6); // its one step: 0.5·(0 - 1) / 2 rollouts
    }

    private sealed class Tol(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= eps;

        public int GetHashCode(double obj) => 0;
    }
}
