namespace SamRl.Tasks.Data;

/// <summary>
/// Nth-farthest (Santoro et al. 2018, paper section 3.1): given N labelled vectors, name the vector
/// that is (n+1)-th farthest from the vector labelled m.
/// </summary>
/// <remarks>
/// Step i is [v_i (dims, U[-1,1)), one-hot label_i (N), one-hot n (N), one-hot m (N)]; labels are a
/// random permutation and n, m are the same on every step. The answer is an N-way class read at the
/// last step. n counts from 0, so n = 0 asks for the farthest and n = N-1 for the vector labelled m
/// itself (distance 0), as in the reference generator. Equal distances (measure zero) go to the
/// earlier vector.
/// </remarks>
public sealed class NthFarthestTask : ITaskGenerator
{
    public NthFarthestTask(int vectors = 8, int dims = 16, string name = "nfar")
    {
        if (vectors < 2) throw new ArgumentOutOfRangeException(nameof(vectors), vectors, "At least 2 vectors are needed.");
        if (dims < 1) throw new ArgumentOutOfRangeException(nameof(dims), dims, "Dimension must be at least 1.");
        Vectors = vectors;
        Dims = dims;
        Name = name;
    }

    public string Name { get; }

    /// <summary>N: vectors per sequence, which is also the number of steps and of classes.</summary>
    public int Vectors { get; }

    public int Dims { get; }

    public int InputSize => Dims + 3 * Vectors;

    public int OutputSize => Vectors;

    public InputKind InputKind => InputKind.Dense;

    public TargetKind TargetKind => TargetKind.Class;

    public SequenceBatch Sample(int batch, Random rng)
    {
        Sampling.CheckBatch(batch);
        ArgumentNullException.ThrowIfNull(rng);

        var inputs = new float[Vectors * batch * InputSize];
        var labels = new long[batch];
        var vectors = new float[Vectors * Dims];
        var distances = new double[Vectors];
        var order = new int[Vectors];

        for (var b = 0; b < batch; b++)
        {
            var n = rng.Next(Vectors);
            var permutation = Sampling.Permutation(rng, Vectors);
            var anchor = rng.Next(Vectors);
            var m = permutation[anchor];
            for (var k = 0; k < vectors.Length; k++) vectors[k] = Sampling.Uniform(rng, -1f, 1f);

            for (var i = 0; i < Vectors; i++)
            {
                var baseIndex = (i * batch + b) * InputSize;
                Array.Copy(vectors, i * Dims, inputs, baseIndex, Dims);
                inputs[baseIndex + Dims + permutation[i]] = 1f;
                inputs[baseIndex + Dims + Vectors + n] = 1f;
                inputs[baseIndex + Dims + 2 * Vectors + m] = 1f;

                var sum = 0.0;
                for (var d = 0; d < Dims; d++)
                {
                    var diff = (double)vectors[i * Dims + d] - vectors[anchor * Dims + d];
                    sum += diff * diff;
                }

                distances[i] = sum;
                order[i] = i;
            }

            Array.Sort(order, (x, y) =>
            {
                var byDistance = distances[y].CompareTo(distances[x]);
                return byDistance != 0 ? byDistance : x.CompareTo(y);
            });
            labels[b] = permutation[order[n]];
        }

        return SequenceBatch.WithClassTargets(batch, Vectors, InputSize, inputs, Vectors, labels);
    }
}
