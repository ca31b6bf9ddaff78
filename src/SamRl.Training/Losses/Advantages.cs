namespace SamRl.Training;

/// <summary>
/// Return targets and advantages for one rollout of T steps, on plain arrays (T ≤ 20: cheaper here than as tensor ops).
/// values holds V(s_0)..V(s_{T-1}); bootstrap is V(s_T), or 0 when the episode terminated at step T-1.
/// </summary>
public static class Advantages
{
    /// <summary>
    /// The reference's (train_sam.py): R_t = r_t + γ·R_{t+1} with R_T = bootstrap (the value target), and GAE:
    /// δ_t = r_t + γ·V_{t+1} − V_t, gae_t = δ_t + γτ·gae_{t+1} (the policy-gradient weight).
    /// </summary>
    public static (float[] returns, float[] gae) Gae(ReadOnlySpan<float> rewards, ReadOnlySpan<float> values, float bootstrap, double gamma, double tau)
    {
        int n = Check(rewards, values);
        var returns = new float[n];
        var gae = new float[n];
        double r = bootstrap, g = 0, next = bootstrap;
        for (int t = n - 1; t >= 0; t--)
        {
            r = rewards[t] + gamma * r;
            double delta = rewards[t] + gamma * next - values[t];
            g = delta + gamma * tau * g;
            returns[t] = (float)r;
            gae[t] = (float)g;
            next = values[t];
        }

        return (returns, gae);
    }

    /// <summary>
    /// V-trace (Espeholt et al. 2018, Eq. 1 and the policy gradient of §4.2) for a behaviour policy μ and the learner's
    /// π, from log(π(a_t)/μ(a_t)): ρ_t = min(ρ̄, π/μ), c_t = λ·min(c̄, π/μ),
    /// v_s − V_s = δ_s + γ·c_s·(v_{s+1} − V_{s+1}) with δ_s = ρ_s(r_s + γ·V_{s+1} − V_s) and v_T = V_T = bootstrap;
    /// the policy-gradient advantage is ρ_s(r_s + γ·v_{s+1} − V_s). On-policy (π = μ) with ρ̄, c̄ ≥ 1 and λ = 1,
    /// v_s is the n-step bootstrapped return.
    /// </summary>
    public static (float[] vs, float[] advantages) VTrace(ReadOnlySpan<float> rewards, ReadOnlySpan<float> values, float bootstrap,
        ReadOnlySpan<float> logRhos, double gamma, double rhoBar = 1, double cBar = 1, double lambda = 1)
    {
        int n = Check(rewards, values);
        if (logRhos.Length != n) throw new ArgumentException($"V-trace needs one log ratio per step: {logRhos.Length} for {n} steps");
        var vs = new float[n];
        var adv = new float[n];
        double vsNext = bootstrap, vNext = bootstrap, accumulated = 0; // accumulated = v_{s+1} − V_{s+1}
        for (int t = n - 1; t >= 0; t--)
        {
            double ratio = Math.Exp(logRhos[t]);
            double rho = Math.Min(rhoBar, ratio);
            double c = lambda * Math.Min(cBar, ratio);
            double delta = rho * (rewards[t] + gamma * vNext - values[t]);
            double diff = delta + gamma * c * accumulated;
            double v = values[t] + diff;
            adv[t] = (float)(rho * (rewards[t] + gamma * vsNext - values[t]));
            vs[t] = (float)v;
            accumulated = diff;
            vsNext = v;
            vNext = values[t];
        }

        return (vs, adv);
    }

    private static int Check(ReadOnlySpan<float> rewards, ReadOnlySpan<float> values)
    {
        if (rewards.Length != values.Length) throw new ArgumentException($"{rewards.Length} rewards for {values.Length} values");
        if (rewards.Length == 0) throw new ArgumentException("a rollout has at least one step");
        return rewards.Length;
    }
}
