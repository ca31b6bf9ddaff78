namespace SamRl.Tasks.Data;

/// <summary>
/// Relational associative recall (RAR, paper section 3.2): after a list of items and a query item,
/// reproduce the seen item farthest from the query when the query's last bit is 1, or the closest
/// one when it is 0.
/// </summary>
/// <remarks>
/// <para>Layout for n items of L vectors each: item i is a delimiter step (channel <c>width</c>)
/// followed by its L bit vectors; then the query, a copy of one item, between two delimiter steps on
/// channel <c>width+1</c>. T_in = (L+1)(n+1)+1, T_out = L. Distances are L2 over the whole item
/// (L×width bits).</para>
/// <para>Where this differs from the authors' code (datasets/rar.py, run_toys.py), on purpose:</para>
/// <list type="bullet">
/// <item>run_toys.py passes (seq_len, num_item) to a function declared (num_item, seq_len), so the
/// code trains on 3 items of 2-5 vectors. Here the item count varies and the item length is fixed,
/// which is what the task defines; the defaults are the values the authors' rar.json meant
/// (item length 3, 2 to 5 items: min_item 2, max_item 6 exclusive). The paper text we have gives no
/// numbers, so these are options.</item>
/// <item>The code never uses the last item as the query (torch.randint(0, n-1)) and draws one query
/// position for the whole batch. The paper says the query is one of the seen items, so here any item
/// can be the query, drawn per sequence; otherwise the last item could only ever be an answer.</item>
/// <item>The paper asks for the closest item "yet unequal" to the query; the code only skips the query
/// position. Here items identical to the query are skipped as well, unless every other item is
/// identical (then the first other item is the answer); with 32-bit vectors this never matters in
/// practice, but it does with tiny widths.</item>
/// </list>
/// <para>Ties in distance (common: squared distances are bit counts) go to the earliest item, as in
/// the code's strict comparison. The item count is drawn once per batch so a batch needs no padding.</para>
/// </remarks>
public sealed class RelationalAssociativeRecallTask : IVariableLengthTask
{
    public RelationalAssociativeRecallTask(int width = 32, int itemLength = 3, int minItems = 2, int maxItems = 5, string name = "rar")
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "Width must be at least 1.");
        if (itemLength < 1) throw new ArgumentOutOfRangeException(nameof(itemLength), itemLength, "Item length must be at least 1.");
        if (minItems < 2) throw new ArgumentOutOfRangeException(nameof(minItems), minItems, "At least 2 items are needed: the answer is an item other than the query.");
        if (maxItems < minItems) throw new ArgumentOutOfRangeException(nameof(maxItems), maxItems, "Maximum items must be at least the minimum.");
        Width = width;
        ItemLength = itemLength;
        MinItems = minItems;
        MaxItems = maxItems;
        Name = name;
    }

    public string Name { get; }

    public int Width { get; }

    /// <summary>L: bit vectors per item.</summary>
    public int ItemLength { get; }

    public int MinItems { get; }

    public int MaxItems { get; }

    public string LengthName => "items";

    int IVariableLengthTask.MinLength => MinItems;

    int IVariableLengthTask.MaxLength => MaxItems;

    /// <summary>The item count n, from T_in = (L+1)(n+1)+1.</summary>
    public int LengthOf(SequenceBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var items = (batch.InputSteps - 1) / (ItemLength + 1) - 1;
        if (items < 2 || InputSteps(items) != batch.InputSteps)
            throw new ArgumentException($"a batch of {batch.InputSteps} input steps is not a RAR batch with items of length {ItemLength}", nameof(batch));
        return items;
    }

    public int InputSize => Width + 2;

    public int OutputSize => Width;

    public InputKind InputKind => InputKind.Dense;

    public TargetKind TargetKind => TargetKind.Bits;

    /// <summary>T_in for a batch of <paramref name="items"/> items.</summary>
    public int InputSteps(int items) => (ItemLength + 1) * (items + 1) + 1;

    public SequenceBatch Sample(int batch, Random rng)
    {
        Sampling.CheckBatch(batch);
        ArgumentNullException.ThrowIfNull(rng);
        var items = Sampling.IntInclusive(rng, MinItems, MaxItems);
        return Sample(batch, items, rng);
    }

    /// <summary>A batch with a chosen number of items.</summary>
    public SequenceBatch Sample(int batch, int items, Random rng)
    {
        Sampling.CheckBatch(batch);
        ArgumentNullException.ThrowIfNull(rng);
        if (items < 2) throw new ArgumentOutOfRangeException(nameof(items), items, "At least 2 items are needed.");

        var steps = InputSteps(items);
        var itemBits = ItemLength * Width;
        var inputs = new float[steps * batch * InputSize];
        var targets = new float[ItemLength * batch * Width];
        var bits = new float[items][];
        for (var i = 0; i < items; i++) bits[i] = new float[itemBits];

        for (var b = 0; b < batch; b++)
        {
            for (var i = 0; i < items; i++)
            {
                for (var k = 0; k < itemBits; k++) bits[i][k] = Sampling.Bit(rng);
            }

            var query = rng.Next(items);
            var answer = bits[FindAnswer(bits, query)];

            for (var i = 0; i < items; i++)
            {
                var start = (ItemLength + 1) * i;
                inputs[(start * batch + b) * InputSize + Width] = 1f;
                WriteItem(inputs, bits[i], start + 1, b, batch);
            }

            var queryStart = (ItemLength + 1) * items;
            inputs[(queryStart * batch + b) * InputSize + Width + 1] = 1f;
            WriteItem(inputs, bits[query], queryStart + 1, b, batch);
            inputs[((steps - 1) * batch + b) * InputSize + Width + 1] = 1f;

            for (var t = 0; t < ItemLength; t++)
            {
                Array.Copy(answer, t * Width, targets, (t * batch + b) * Width, Width);
            }
        }

        return SequenceBatch.WithBitTargets(batch, steps, InputSize, inputs, ItemLength, Width, targets);
    }

    private int FindAnswer(float[][] bits, int query)
    {
        var q = bits[query];
        var farthest = q[^1] == 1f;
        var best = -1;
        var bestDistance = 0;
        for (var i = 0; i < bits.Length; i++)
        {
            if (i == query) continue;
            // Bits are 0/1, so the squared L2 distance is the Hamming distance: same order, exact in ints.
            var distance = 0;
            for (var k = 0; k < q.Length; k++) distance += q[k] != bits[i][k] ? 1 : 0;
            if (!farthest && distance == 0) continue;
            if (best < 0 || (farthest ? distance > bestDistance : distance < bestDistance))
            {
                best = i;
                bestDistance = distance;
            }
        }

        // Only reachable when every other item equals the query.
        return best >= 0 ? best : (query == 0 ? 1 : 0);
    }

    private void WriteItem(float[] inputs, float[] item, int firstStep, int b, int batch)
    {
        for (var t = 0; t < ItemLength; t++)
        {
            Array.Copy(item, t * Width, inputs, ((firstStep + t) * batch + b) * InputSize, Width);
        }
    }
}
