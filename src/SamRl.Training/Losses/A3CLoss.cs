using SamRl.Agents;
using SamRl.Torch;

namespace SamRl.Training;

/// <summary>
/// The actor-critic loss of the reference (train_sam.py), for a batch of rollouts, read top to bottom:
/// <code>
/// R_T = V(s_T) if the episode goes on, else 0;   R_t = r_t + γ·R_{t+1}                      (value targets)
/// δ_t = r_t + γ·V(s_{t+1}) − V(s_t);             gae_t = δ_t + γτ·gae_{t+1}                 (advantages)
/// policy_loss = Σ_t −log π(a_t|s_t)·gae_t − β·H(π(·|s_t))
/// value_loss  = Σ_t ½·(R_t − V(s_t))²
/// loss        = policy_loss + c_v·value_loss                  (c_v = 0.5: the value term is ¼(R−V)², as the reference)
/// </code>
/// Targets and advantages are constants (no gradient), computed from the detached values. With V-trace
/// (learner mode) R_t becomes v_t and gae_t becomes ρ_t(r_t + γ·v_{t+1} − V(s_t)) (<see cref="Advantages.VTrace"/>).
/// Sums run over the steps of each rollout; the batch's loss is the mean over its rollouts, so one rollout gives
/// exactly the reference's number.
/// </summary>
public static class A3CLoss
{
    public sealed record Settings(double Gamma, double Tau, double ValueCoef, double EntropyCoef, bool Vtrace = false, double RhoBar = 1, double CBar = 1)
    {
        public static Settings From(A3CConfig c, bool vtrace) => new(c.Gamma, c.GaeTau, c.ValueCoef, c.EntropyCoef, vtrace, c.VtraceRhoBar, c.VtraceCBar);
    }

    /// <summary>Runs the agent over the batch and returns the loss (a scalar with a graph) and its parts.</summary>
    public static (Tensor loss, LossStats stats) Compute(ActorCritic agent, RolloutBatch batch, Settings s)
    {
        var device = batch.Frames.device;
        using var scope = torch.NewDisposeScope();
        var initial = batch.InitialState(agent.InitialState, device);
        var (logits, values) = agent.Evaluate(batch.Frames, initial);
        var result = FromOutputs(logits, values, batch, s);
        scope.MoveToOuter(result.loss);
        return result;
    }

    /// <summary>
    /// The loss from the network's outputs on the batch: logits [F, B, A] and values [F, B] over the batch's frames
    /// (F ≥ T; rows past a rollout's steps are only read for its bootstrap value).
    /// </summary>
    public static (Tensor loss, LossStats stats) FromOutputs(Tensor logits, Tensor values, RolloutBatch batch, Settings s)
    {
        int b = batch.Size, steps = batch.Steps;
        long frames = values.size(0);
        using var scope = torch.NewDisposeScope();
        var logProbs = logits.narrow(0, 0, steps).log_softmax(2);                 // [T, B, A]
        var chosen = logProbs.gather(2, batch.Actions.unsqueeze(2)).squeeze(2);   // [T, B]

        var v = values.detach().to(ScalarType.Float32, SamRl.Torch.Device.CPU).contiguous().data<float>(); // [F, B] row-major
        float[]? pi = s.Vtrace ? chosen.detach().to(SamRl.Torch.Device.CPU).contiguous().data<float>() : null;
        var targets = new float[steps * b];
        var weights = new float[steps * b];
        for (int i = 0; i < b; i++)
        {
            var r = batch.Rollouts[i];
            int n = r.Length;
            var vi = new float[n];
            for (int t = 0; t < n; t++) vi[t] = v[t * b + i];
            float bootstrap = r.Terminated ? 0f : v[n * b + i];
            if (!r.Terminated && n >= frames) throw new InvalidOperationException("a bootstrapping rollout needs its last observation in the batch");
            float[] target, weight;
            if (s.Vtrace)
            {
                var logRhos = new float[n];
                for (int t = 0; t < n; t++) logRhos[t] = pi![t * b + i] - r.BehaviourLogProbs[t];
                (target, weight) = Advantages.VTrace(r.Rewards, vi, bootstrap, logRhos, s.Gamma, s.RhoBar, s.CBar);
            }
            else
            {
                (target, weight) = Advantages.Gae(r.Rewards, vi, bootstrap, s.Gamma, s.Tau);
            }

            for (int t = 0; t < n; t++)
            {
                targets[t * b + i] = target[t];
                weights[t * b + i] = weight[t];
            }
        }

        var device = logits.device;
        var targetT = torch.tensor<float>(targets, [steps, b]).to(device);
        var weightT = torch.tensor<float>(weights, [steps, b]).to(device);
        var mask = batch.Mask;
        var entropy = logProbs.exp().mul(logProbs).sum(2).neg();                      // [T, B]
        var policy = chosen.mul(weightT).add(entropy, s.EntropyCoef).mul(mask).sum().neg();
        var diff = targetT.sub(values.narrow(0, 0, steps));
        var value = diff.square().mul(mask).sum().mul(0.5);
        var loss = policy.add(value, s.ValueCoef).div(b);

        int validSteps = batch.Rollouts.Sum(r => r.Length);
        var stats = new LossStats(policy.item() / b, value.item() / b, entropy.mul(mask).sum().item() / validSteps, validSteps);
        scope.MoveToOuter(loss);
        return (loss, stats);
    }
}
