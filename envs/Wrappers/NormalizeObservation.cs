using System.Numerics;
using SamRl.Envs.Spaces;

namespace SamRl.Envs.Wrappers;

/// <summary>
/// The authors' NormalizedEnv: one running scalar mean and standard deviation over all observations of
/// this env (exponential, alpha = 0.9999, bias-corrected), and obs = (obs - mean) / (std + 1e-8).
/// The statistics persist across episodes, per env (per worker). Needs float observations.
/// </summary>
public sealed class NormalizeObservation : Wrapper
{
    private readonly double alpha;
    private float[] output = [];
    private int[] shape = [];
    private double mean;
    private double std;
    private long count;
    private bool hasOutput;

    public NormalizeObservation(IEnv env, double alpha = 0.9999)
        : base(env)
    {
        if (env.ObservationSpace.DType != DType.Float32)
        {
            throw new ArgumentException("NormalizeObservation needs float observations; put it after WarpFrame");
        }

        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "must be in (0, 1)");
        }

        this.alpha = alpha;
        ObservationSpace = new Box(float.NegativeInfinity, float.PositiveInfinity, env.ObservationSpace.Shape, DType.Float32);
    }

    public override Box ObservationSpace { get; }

    /// <summary>Bias-corrected running mean of the per-observation means.</summary>
    public double Mean => count == 0 ? 0 : mean / (1 - Math.Pow(alpha, count));

    /// <summary>Bias-corrected running mean of the per-observation standard deviations.</summary>
    public double Std => count == 0 ? 0 : std / (1 - Math.Pow(alpha, count));

    public long Count => count;

    /// <summary>
    /// The raw running sums and count, for checkpoints: a resumed run continues the same normalisation instead of
    /// relearning it from scratch (the first frames of a fresh one are scaled very differently).
    /// </summary>
    public NormalizerState State
    {
        get => new(mean, std, count);
        set
        {
            if (value.Count < 0 || !double.IsFinite(value.Mean) || !double.IsFinite(value.Std))
            {
                throw new ArgumentException($"invalid normaliser state {value}");
            }

            (mean, std, count) = (value.Mean, value.Std, value.Count);
        }
    }

    public override (Observation Observation, Info Info) Reset(int? seed = null)
    {
        var (observation, info) = Env.Reset(seed);
        return (Update(observation), info);
    }

    // Every observation of the env moves the statistics, so the inner env is always observed.
    public override StepResult Step(int action, bool observe = true)
    {
        StepResult r = Env.Step(action, true);
        return r with { Observation = Update(r.Observation) };
    }

    public override Observation Observe() => hasOutput ? new Observation(output, shape) : Update(Env.Observe());

    private Observation Update(Observation frame)
    {
        ReadOnlySpan<float> x = frame.FloatSpan;
        double sum = 0, sumSquares = 0;
        foreach (float v in x)
        {
            sum += v;
            sumSquares += (double)v * v;
        }

        // numpy's std: the population standard deviation. One pass in double is exact enough for pixel data.
        double m = sum / x.Length;
        double s = Math.Sqrt(Math.Max((sumSquares / x.Length) - (m * m), 0));
        count++;
        mean = (mean * alpha) + (m * (1 - alpha));
        std = (std * alpha) + (s * (1 - alpha));
        double correction = 1 - Math.Pow(alpha, count);
        float unbiasedMean = (float)(mean / correction);
        float scale = (float)(1 / ((std / correction) + 1e-8));
        if (output.Length != x.Length)
        {
            output = new float[x.Length];
        }

        if (!shape.AsSpan().SequenceEqual(frame.Shape))
        {
            shape = (int[])frame.Shape.Clone();
        }

        Span<float> y = output.AsSpan(0, x.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vm = new Vector<float>(unbiasedMean);
            var vs = new Vector<float>(scale);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                ((new Vector<float>(x[i..]) - vm) * vs).CopyTo(y[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            y[i] = (x[i] - unbiasedMean) * scale;
        }

        hasOutput = true;
        return new Observation(output, shape);
    }
}
