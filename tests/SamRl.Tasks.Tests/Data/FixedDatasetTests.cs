using SamRl.Tasks.Data;

namespace SamRl.Tasks.Tests.Data;

public class FixedDatasetTests
{
    private static readonly AssociativeRetrievalTask Task = new(14, "assoc-retrieval-30");

    [Fact]
    public void SameSeedSameSetOtherSeedOtherSet()
    {
        var a = FixedDataset.Create(Task, 2500, seed: 100);
        var b = FixedDataset.Create(Task, 2500, seed: 100);
        var c = FixedDataset.Create(Task, 2500, seed: 101);
        Assert.Equal(2500, a.Count);
        Assert.Equal(100, a.Seed);
        Assert.Equal("assoc-retrieval-30", a.Name);
        BatchAssert.Same(a.All, b.All);
        Assert.True(BatchAssert.Differ(a.All, c.All));
    }

    [Fact]
    public void OrderedBatchesCoverTheSetOnce()
    {
        var set = FixedDataset.Create(Task, 1000, seed: 3, chunkSize: 256);
        var batches = set.Batches(300).ToList();
        Assert.Equal(new[] { 300, 300, 300, 100 }, batches.Select(x => x.BatchSize));
        BatchAssert.Same(set.All, SequenceBatch.Concat(batches));
    }

    [Fact]
    public void ShuffledBatchesArePermutations()
    {
        var set = FixedDataset.Create(Task, 500, seed: 4);
        var batches = set.ShuffledBatches(128, new Random(1)).ToList();
        Assert.Equal(new[] { 128, 128, 128, 116 }, batches.Select(x => x.BatchSize));
        Assert.Equal(3, set.ShuffledBatches(128, new Random(1), dropLast: true).Count());

        var shuffled = SequenceBatch.Concat(batches);
        Assert.True(BatchAssert.Differ(set.All, shuffled));
        Assert.Equal(Rows(set.All).Order(), Rows(shuffled).Order());
    }

    [Fact]
    public void VariableLengthTasksNeedAFixedLength()
    {
        Assert.Throws<ArgumentException>(() => FixedDataset.Create(new CopyTask(), 64, seed: 1, chunkSize: 8));
        var fixedCopy = FixedDataset.Create(new CopyTask(minLength: 5, maxLength: 5), 64, seed: 1, chunkSize: 8);
        Assert.Equal(new[] { 5, 64, 32 }, fixedCopy.All.TargetShape);
    }

    private static IEnumerable<string> Rows(SequenceBatch batch) =>
        Enumerable.Range(0, batch.BatchSize).Select(b =>
            string.Concat(Enumerable.Range(0, batch.InputSteps).Select(t => AssociativeRetrievalTask.Decode(batch.TokenAt(t, b))))
            + batch.Labels![b]);
}
