namespace SamRl.Tasks.Babi;

/// <summary>
/// Word ids as in the reference: 0 is the padding word, every other word (story, question and answer tokens of every
/// split) gets the next id on first sight. Answers share the table, so the answer classes are the vocabulary.
/// </summary>
public sealed class BabiVocabulary
{
    public const int PadId = 0;
    public const string PadWord = "<pad>";

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal) { [PadWord] = PadId };
    private readonly List<string> _words = [PadWord];

    public int Count => _words.Count;

    public IReadOnlyList<string> Words => _words;

    public int Add(string word)
    {
        if (_ids.TryGetValue(word, out var id)) return id;
        id = _words.Count;
        _ids[word] = id;
        _words.Add(word);
        return id;
    }

    /// <exception cref="KeyNotFoundException">A word never added.</exception>
    public int this[string word] => _ids.TryGetValue(word, out var id) ? id : throw new KeyNotFoundException($"'{word}' is not in the bAbI vocabulary");
}
