namespace SamRl.Tasks.Data;

/// <summary>
/// Associative retrieval (Ba et al. 2016; paper section 3.1, Table 1): after K (letter, digit) pairs,
/// "??" and a query letter, answer the digit paired with that letter, e.g. "c9k8j3f1??c" -> 9.
/// </summary>
/// <remarks>
/// Inputs are token ids (digits 0-9 -> 0-9, a-z -> 10-35, '?' -> 36), [T, B] with T = 2K+3, because
/// the authors embed them (nn.Embedding(37, 100)); <see cref="InputSize"/> is the vocabulary. Letters
/// are distinct within a sequence, digits may repeat. The answer is a 10-way class. K = 24 is the
/// "length 50" setting (51 tokens), K = 14 "length 30" (31 tokens). The authors train on fixed sets
/// (<see cref="TrainSize"/>/<see cref="ValidationSize"/>/<see cref="TestSize"/>); build them with
/// <see cref="FixedDataset.Create"/> from separate seeds.
/// </remarks>
public sealed class AssociativeRetrievalTask : ITaskGenerator
{
    public const int Vocabulary = 37;
    public const int Digits = 10;
    public const int Letters = 26;
    public const long FirstLetterToken = 10;
    public const long QueryMarkToken = 36;
    public const int TrainSize = 100_000;
    public const int ValidationSize = 10_000;
    public const int TestSize = 20_000;

    public AssociativeRetrievalTask(int pairs = 24, string name = "assoc-retrieval-50")
    {
        if (pairs < 1 || pairs > Letters) throw new ArgumentOutOfRangeException(nameof(pairs), pairs, $"Pairs must be between 1 and {Letters} (letters are distinct).");
        Pairs = pairs;
        Name = name;
    }

    public string Name { get; }

    /// <summary>K: (letter, digit) pairs per sequence.</summary>
    public int Pairs { get; }

    /// <summary>T: 2K pair tokens, two '?' and the query letter.</summary>
    public int Steps => 2 * Pairs + 3;

    public int InputSize => Vocabulary;

    public int OutputSize => Digits;

    public InputKind InputKind => InputKind.Tokens;

    public TargetKind TargetKind => TargetKind.Class;

    public static long LetterToken(char letter) =>
        letter is >= 'a' and <= 'z' ? FirstLetterToken + (letter - 'a') : throw new ArgumentOutOfRangeException(nameof(letter), letter, "Expected a-z.");

    public static long DigitToken(int digit) =>
        digit is >= 0 and <= 9 ? digit : throw new ArgumentOutOfRangeException(nameof(digit), digit, "Expected 0-9.");

    /// <summary>The character a token stands for, to print sequences.</summary>
    public static char Decode(long token) => token switch
    {
        >= 0 and < Digits => (char)('0' + token),
        >= FirstLetterToken and < QueryMarkToken => (char)('a' + (token - FirstLetterToken)),
        QueryMarkToken => '?',
        _ => throw new ArgumentOutOfRangeException(nameof(token), token, $"Outside the vocabulary of {Vocabulary}."),
    };

    public SequenceBatch Sample(int batch, Random rng)
    {
        Sampling.CheckBatch(batch);
        ArgumentNullException.ThrowIfNull(rng);

        var tokens = new long[Steps * batch];
        var labels = new long[batch];
        for (var b = 0; b < batch; b++)
        {
            var letters = Sampling.Permutation(rng, Letters);
            var digits = new int[Pairs];
            for (var k = 0; k < Pairs; k++)
            {
                digits[k] = rng.Next(Digits);
                tokens[2 * k * batch + b] = FirstLetterToken + letters[k];
                tokens[(2 * k + 1) * batch + b] = digits[k];
            }

            var query = rng.Next(Pairs);
            tokens[2 * Pairs * batch + b] = QueryMarkToken;
            tokens[(2 * Pairs + 1) * batch + b] = QueryMarkToken;
            tokens[(2 * Pairs + 2) * batch + b] = FirstLetterToken + letters[query];
            labels[b] = digits[query];
        }

        return SequenceBatch.TokensWithClassTargets(batch, Steps, Vocabulary, tokens, Digits, labels);
    }
}
