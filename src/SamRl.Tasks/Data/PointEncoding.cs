namespace SamRl.Tasks.Data;

/// <summary>
/// The authors' input layout for point-set tasks (datasets/convexhull.py, tsp.py), shared by hull and TSP: each point is
/// one step [x, y, end flag, one-hot feature], 2 + <see cref="Classes"/> = 24 channels, followed by one all-zero step.
/// </summary>
/// <remarks>
/// <para>Features: every point gets a label from a random permutation of 1..n, set as channel 2 + label (so channels
/// 3..2+n); channel 2 is the end flag, set on the last point. Output classes are the same 22: 1..20 name a point by its
/// feature, <see cref="End"/> = 21 ends the answer, and class 0 is never a target (the authors pad with it; here padding
/// is <see cref="SequenceBatch.IgnoreLabel"/> and not scored).</para>
/// <para>The authors' loader pads short sequences at the front; every task here has a fixed n, so there is no padding.</para>
/// </remarks>
public static class PointEncoding
{
    /// <summary>The authors' N_max: most points (and graph nodes) a feature can name.</summary>
    public const int MaxItems = 20;

    /// <summary>Output classes, the authors' out_dim = N_max + 2.</summary>
    public const int Classes = MaxItems + 2;

    /// <summary>The class that ends an answer.</summary>
    public const long End = Classes - 1;

    public const int InputSize = 2 + Classes;

    public const int EndFlagChannel = 2;

    /// <summary>Input steps for <paramref name="points"/> points: one per point, plus the trailing zero step.</summary>
    public static int InputSteps(int points) => points + 1;

    /// <summary><paramref name="count"/> points uniform in the unit square, rounded to float as the model sees them.</summary>
    public static (double X, double Y)[] RandomPoints(int count, Random rng)
    {
        var points = new (double X, double Y)[count];
        for (var i = 0; i < count; i++) points[i] = (Sampling.Uniform(rng, 0f, 1f), Sampling.Uniform(rng, 0f, 1f));
        return points;
    }

    /// <summary>A random permutation of 1..<paramref name="count"/>: the feature of each point (or node).</summary>
    public static int[] RandomFeatures(int count, Random rng)
    {
        var features = Sampling.Permutation(rng, count);
        for (var i = 0; i < count; i++) features[i]++;
        return features;
    }

    /// <summary>Writes sequence <paramref name="b"/> of a [T_in, B, 24] input array.</summary>
    public static void Write(float[] inputs, int batch, int b, IReadOnlyList<(double X, double Y)> points, ReadOnlySpan<int> features)
    {
        for (var i = 0; i < points.Count; i++)
        {
            var at = (i * batch + b) * InputSize;
            inputs[at] = (float)points[i].X;
            inputs[at + 1] = (float)points[i].Y;
            if (i == points.Count - 1) inputs[at + EndFlagChannel] = 1f;
            inputs[at + 2 + features[i]] = 1f;
        }
    }

    /// <summary>Reads sequence <paramref name="b"/> back: its points and their features (the inverse of <see cref="Write"/>).</summary>
    public static ((double X, double Y)[] Points, int[] Features) Decode(SequenceBatch batch, int b)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var n = batch.InputSteps - 1;
        var points = new (double X, double Y)[n];
        var features = new int[n];
        for (var i = 0; i < n; i++)
        {
            points[i] = (batch.InputAt(i, b, 0), batch.InputAt(i, b, 1));
            for (var f = 1; f < MaxItems + 1; f++)
            {
                if (batch.InputAt(i, b, 2 + f) == 1f) features[i] = f;
            }
        }

        return (points, features);
    }

    /// <summary>
    /// Labels [T_out, B] for sequence <paramref name="b"/>: the features of <paramref name="answer"/>'s points, then
    /// <see cref="End"/>, then padding to <paramref name="outputSteps"/>.
    /// </summary>
    public static void WriteAnswer(long[] labels, int batch, int b, int outputSteps, ReadOnlySpan<int> answerFeatures)
    {
        if (answerFeatures.Length + 1 > outputSteps) throw new ArgumentException($"An answer of {answerFeatures.Length} steps and END does not fit {outputSteps} output steps.");
        for (var t = 0; t < outputSteps; t++)
        {
            labels[t * batch + b] = t < answerFeatures.Length ? answerFeatures[t] : t == answerFeatures.Length ? End : SequenceBatch.IgnoreLabel;
        }
    }
}
