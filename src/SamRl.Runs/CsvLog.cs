using System.Globalization;
using System.Text;

namespace SamRl.Runs;

/// <summary>
/// A CSV file that grows one row at a time, each row flushed as written (a crash loses nothing written), safe to
/// call from several threads. <see cref="Open"/> on an existing file keeps the rows a resumed run still stands
/// behind and cuts the rest (rows written after the checkpoint the run resumes from), so the file never holds a
/// row twice. Numbers are written in the invariant culture.
/// </summary>
public sealed class CsvLog : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly object _gate = new();

    private CsvLog(string path, StreamWriter writer, int cut)
    {
        Path = path;
        _writer = writer;
        RowsCut = cut;
    }

    public string Path { get; }

    /// <summary>How many rows <see cref="Open"/> removed.</summary>
    public int RowsCut { get; }

    /// <summary>
    /// Opens <paramref name="path"/> for appending, writing <paramref name="header"/> when the file is new or empty.
    /// With <paramref name="keep"/>, an existing file is first rewritten (atomically) with only the rows for which it
    /// holds, given their first field as a long; a torn last line (a crash mid-write) is always dropped.
    /// A file whose header differs is an error: it is not this log.
    /// </summary>
    public static CsvLog Open(string path, string header, Func<long, bool>? keep = null)
    {
        int cut = 0;
        if (File.Exists(path) && new FileInfo(path).Length > 0)
        {
            var text = File.ReadAllText(path);
            var lines = text.Split('\n');
            if (lines[0].TrimEnd('\r') != header)
                throw new InvalidDataException($"{path}: header is '{lines[0]}', expected '{header}'; not a file of this run");
            var kept = new List<string> { header };
            int fields = header.Split(',').Length;
            // Everything after the last newline is a row that never finished.
            int firstTorn = text.EndsWith('\n') ? lines.Length : lines.Length - 1;
            for (int i = 1; i < lines.Length; i++)
            {
                var line = lines[i].TrimEnd('\r');
                if (line.Length == 0) continue;
                bool torn = i >= firstTorn || line.Split(',').Length != fields;
                bool wanted = !torn && (keep is null || (TryFirstLong(line, out var key) && keep(key)));
                if (wanted) kept.Add(line);
                else cut++;
            }

            if (cut > 0 || !text.EndsWith('\n')) AtomicFile.WriteAllText(path, string.Join("\n", kept) + "\n");
        }

        var exists = File.Exists(path) && new FileInfo(path).Length > 0;
        var writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { NewLine = "\n" };
        var log = new CsvLog(path, writer, cut);
        if (!exists) log.WriteLine(header);
        return log;
    }

    /// <summary>Appends one row; each value is formatted with the invariant culture ("R" for doubles).</summary>
    public void Append(params object?[] values)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(Format(values[i]));
        }

        WriteLine(sb.ToString());
    }

    public static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private void WriteLine(string line)
    {
        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    private static bool TryFirstLong(string line, out long value)
    {
        int comma = line.IndexOf(',');
        var first = comma < 0 ? line.AsSpan() : line.AsSpan(0, comma);
        return long.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    public void Dispose()
    {
        lock (_gate) _writer.Dispose();
    }
}
