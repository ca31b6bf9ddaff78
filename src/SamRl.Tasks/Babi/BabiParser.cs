using System.Globalization;

namespace SamRl.Tasks.Babi;

/// <summary>
/// Reads the bAbI text format: "ID text" lines, a line with ID 1 starts a new story, ids then run 2, 3, ...;
/// question lines are "ID question[TAB]answer[TAB]supporting ids". Anything else is rejected with the file
/// and line number.
/// </summary>
public static class BabiParser
{
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">A malformed line (the message names file and line).</exception>
    public static List<BabiStory> ParseFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"bAbI file {path} does not exist", path);
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <exception cref="InvalidDataException">A malformed line (the message names <paramref name="source"/> and the line).</exception>
    public static List<BabiStory> Parse(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var stories = new List<BabiStory>();
        List<string[]>? sentences = null;
        List<BabiQuestion>? questions = null;
        List<string>? raw = null;
        var first = 0;
        var lastId = 0;
        var lineNo = 0;

        void Close()
        {
            if (sentences is null) return;
            if (questions!.Count == 0) throw Bad(source, first, "story has no question line (ID question<TAB>answer<TAB>supporting ids)");
            stories.Add(new BabiStory(sentences, questions, raw!, first));
        }

        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            line = line.TrimEnd('\r');
            if (line.Trim().Length == 0) throw Bad(source, lineNo, "empty line (every line must be 'ID text')");
            var space = line.IndexOf(' ');
            if (space <= 0 || !int.TryParse(line.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                throw Bad(source, lineNo, "line does not start with a numeric id and a space ('ID text')");
            if (id == 1)
            {
                Close();
                sentences = [];
                questions = [];
                raw = [];
                first = lineNo;
            }
            else if (sentences is null)
            {
                throw Bad(source, lineNo, $"first line of the file has id {id}; a story starts with id 1");
            }
            else if (id != lastId + 1)
            {
                throw Bad(source, lineNo, $"id {id} after {lastId}; ids within a story run 1, 2, 3, ...");
            }

            lastId = id;
            raw!.Add(line);
            var text = line[(space + 1)..];
            if (text.Contains('\t'))
            {
                var fields = text.Split('\t');
                if (fields.Length != 3) throw Bad(source, lineNo, $"question line has {fields.Length} TAB-separated fields; expected question<TAB>answer<TAB>supporting ids");
                var words = BabiTokenizer.Tokenize(fields[0]);
                if (words.Length == 0) throw Bad(source, lineNo, "question text is empty");
                var answer = fields[1].Trim().ToLowerInvariant();
                if (answer.Length == 0) throw Bad(source, lineNo, "question has no answer");
                foreach (var s in fields[2].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var support) || support < 1 || support >= id)
                        throw Bad(source, lineNo, $"supporting fact '{s}' is not the id of an earlier line of the story");
                }

                questions!.Add(new BabiQuestion(sentences!.Count, words, answer, lineNo));
            }
            else
            {
                var words = BabiTokenizer.Tokenize(text);
                if (words.Length == 0) throw Bad(source, lineNo, "statement text is empty");
                sentences!.Add(words);
            }
        }

        Close();
        if (stories.Count == 0) throw Bad(source, 0, "no stories (the file is empty)");
        return stories;
    }

    private static InvalidDataException Bad(string source, int line, string what) =>
        new(line > 0 ? $"{source}:{line}: {what}" : $"{source}: {what}");
}
