using System.Text;
using SamRl.Torch.Utils;

namespace SamRl.Tasks.Training;

/// <summary>
/// Appends <see cref="MetricsRow"/>s to metrics.csv, writing the header into a new file and flushing every row,
/// and, when given a <see cref="SummaryWriter"/>, the same numbers as TensorBoard scalars (train/loss,
/// train/&lt;metric&gt;, eval/loss, eval/&lt;metric&gt; against the iteration), so `tensorboard --logdir runs` compares runs.
/// </summary>
public sealed class MetricsWriter : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly SummaryWriter? _tensorBoard;

    /// <param name="path">metrics.csv; appended to when it exists.</param>
    /// <param name="tensorBoard">Where the same scalars go, if anywhere.</param>
    /// <param name="extraNames">The task's extra metrics (eval_&lt;name&gt; columns) for a new file; an existing file keeps its own columns.</param>
    public MetricsWriter(string path, SummaryWriter? tensorBoard = null, IReadOnlyList<string>? extraNames = null)
    {
        _tensorBoard = tensorBoard;
        Path = path;
        var exists = File.Exists(path) && new FileInfo(path).Length > 0;
        ExtraNames = exists ? MetricsRow.ExtraNamesIn(File.ReadLines(path).First()) : extraNames ?? [];
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { NewLine = "\n" };
        if (!exists) WriteLine(MetricsRow.HeaderWith(ExtraNames));
    }

    public string Path { get; }

    /// <summary>The file's extra columns (without the eval_ prefix), in order.</summary>
    public IReadOnlyList<string> ExtraNames { get; }

    public void Write(MetricsRow row)
    {
        WriteLine(row.ToCsv(ExtraNames));
        if (_tensorBoard is null) return;
        _tensorBoard.add_scalar("train/loss", row.TrainLoss, row.Iteration);
        _tensorBoard.add_scalar($"train/{row.MetricName}", row.TrainMetric, row.Iteration);
        if (row.EvalLoss is { } l) _tensorBoard.add_scalar("eval/loss", l, row.Iteration);
        if (row.EvalMetric is { } m) _tensorBoard.add_scalar($"eval/{row.MetricName}", m, row.Iteration);
        foreach (var e in row.Extra) _tensorBoard.add_scalar($"eval/{e.Name}", e.Value, row.Iteration);
    }

    /// <summary>All rows of a metrics.csv (header skipped).</summary>
    public static IReadOnlyList<MetricsRow> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) return [];
        var extra = MetricsRow.ExtraNamesIn(lines[0]);
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => MetricsRow.Parse(l, extra)).ToList();
    }

    private void WriteLine(string line)
    {
        _writer.WriteLine(line);
        _writer.Flush();
    }

    public void Dispose()
    {
        _writer.Dispose();
        _tensorBoard?.Dispose();
    }
}
