using System.Text;

namespace SamRl.Tasks.Training;

/// <summary>Appends <see cref="MetricsRow"/>s to metrics.csv, writing the header into a new file and flushing every row.</summary>
public sealed class MetricsWriter : IDisposable
{
    private readonly StreamWriter _writer;

    public MetricsWriter(string path)
    {
        Path = path;
        var exists = File.Exists(path) && new FileInfo(path).Length > 0;
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { NewLine = "\n" };
        if (!exists) WriteLine(MetricsRow.Header);
    }

    public string Path { get; }

    public void Write(MetricsRow row) => WriteLine(row.ToCsv());

    /// <summary>All rows of a metrics.csv (header skipped).</summary>
    public static IReadOnlyList<MetricsRow> Read(string path) =>
        File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(MetricsRow.Parse).ToList();

    private void WriteLine(string line)
    {
        _writer.WriteLine(line);
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();
}
