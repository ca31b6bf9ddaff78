using SamRl.Tasks.Data;

namespace SamRl.Tasks.Tests.Data;

public class AssociativeRetrievalTaskTests
{
    [Theory]
    [InlineData(24, 51)]
    [InlineData(14, 31)]
    public void ShapesAreTokenIdsAndOneClass(int pairs, int steps)
    {
        var task = new AssociativeRetrievalTask(pairs);
        Assert.Equal(37, task.InputSize);
        Assert.Equal(10, task.OutputSize);
        Assert.Equal(InputKind.Tokens, task.InputKind);
        Assert.Equal(steps, task.Steps);
        var batch = task.Sample(6, new Random(1));
        Assert.Equal(new[] { steps, 6 }, batch.InputShape);
        Assert.Equal(new[] { 6 }, batch.TargetShape);
        Assert.Null(batch.Inputs);
        Assert.Equal(steps * 6, batch.Tokens!.Length);
    }

    [Theory]
    [InlineData(24)]
    [InlineData(14)]
    [InlineData(26)]
    public void LettersAreDistinctAndTheAnswerIsThePairedDigit(int pairs)
    {
        var task = new AssociativeRetrievalTask(pairs);
        const int B = 100;
        var batch = task.Sample(B, new Random(17));
        var answers = new HashSet<long>();
        for (var b = 0; b < B; b++)
        {
            var text = new string(Enumerable.Range(0, task.Steps).Select(t => AssociativeRetrievalTask.Decode(batch.TokenAt(t, b))).ToArray());
            var letters = Enumerable.Range(0, pairs).Select(k => text[2 * k]).ToArray();
            var digits = Enumerable.Range(0, pairs).Select(k => text[2 * k + 1]).ToArray();
            Assert.All(letters, c => Assert.InRange(c, 'a', 'z'));
            Assert.All(digits, c => Assert.InRange(c, '0', '9'));
            Assert.Equal(pairs, letters.Distinct().Count());
            Assert.Equal("??", text.Substring(2 * pairs, 2));

            var queryLetter = text[^1];
            var position = Array.IndexOf(letters, queryLetter);
            Assert.True(position >= 0, $"query '{queryLetter}' not among the pairs of {text}");
            Assert.Equal(digits[position] - '0', batch.Labels![b]);
            answers.Add(batch.Labels[b]);
        }

        Assert.Equal(10, answers.Count);
    }

    [Fact]
    public void TokenIdsMatchTheAuthors()
    {
        Assert.Equal(0, AssociativeRetrievalTask.DigitToken(0));
        Assert.Equal(9, AssociativeRetrievalTask.DigitToken(9));
        Assert.Equal(10, AssociativeRetrievalTask.LetterToken('a'));
        Assert.Equal(35, AssociativeRetrievalTask.LetterToken('z'));
        Assert.Equal(36, AssociativeRetrievalTask.QueryMarkToken);
        Assert.Equal('?', AssociativeRetrievalTask.Decode(36));
        Assert.Equal('c', AssociativeRetrievalTask.Decode(12));
        Assert.Throws<ArgumentOutOfRangeException>(() => AssociativeRetrievalTask.Decode(37));
    }

    [Fact]
    public void IsDeterministicGivenTheSeed() => BatchAssert.Deterministic(new AssociativeRetrievalTask());

    [Fact]
    public void RejectsMorePairsThanLetters() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AssociativeRetrievalTask(27));
}
