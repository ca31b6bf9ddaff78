using System.Text.RegularExpressions;

namespace SamRl.Tasks.Babi;

/// <summary>
/// The authors' tokeniser (babi/data_preprocess/preprocess.py): lower case, split on runs of non-word
/// characters, keep each run (stripped) as a token, drop empty pieces. "Where is Mary? " gives
/// where / is / mary / ?.
/// </summary>
/// <remarks>
/// The reference pattern is <c>(\W+)?</c>, which Python 3.7+ also splits at every empty match, i.e. into single
/// characters. The intended word-level split is what Python up to 3.6 did (empty matches ignored) and what this does.
/// </remarks>
public static partial class BabiTokenizer
{
    [GeneratedRegex(@"(\W+)", RegexOptions.CultureInvariant)]
    private static partial Regex NonWordRun();

    public static string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        foreach (var piece in NonWordRun().Split(text))
        {
            var t = piece.Trim();
            if (t.Length > 0) tokens.Add(t.ToLowerInvariant());
        }

        return tokens.ToArray();
    }
}
