using System.Globalization;
using System.Text;
using SamRl.Tasks.Training;

namespace SamRl.Tasks.Babi;

/// <summary>
/// Error per bAbI task, their mean, and how many tasks "failed" (error above <see cref="FailedAbovePercent"/> %, the
/// usual bAbI criterion): the numbers of the paper's Table 4 for one run.
/// </summary>
public sealed class BabiErrorTable
{
    public const double FailedAbovePercent = 5.0;
    public const string FileName = "babi-errors.csv";

    public BabiErrorTable(IReadOnlyList<BabiTaskError> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("an error table needs at least one task", nameof(rows));
        Rows = rows;
    }

    public IReadOnlyList<BabiTaskError> Rows { get; }

    /// <summary>Mean over tasks of the per-task error (each task weighs the same, as in the paper).</summary>
    public double MeanErrorPercent => Rows.Average(r => r.ErrorPercent);

    public int Failed => Rows.Count(r => r.ErrorPercent > FailedAbovePercent);

    /// <summary>Scores <paramref name="trainer"/>'s model on each task's split (test by default), one task at a time.</summary>
    public static BabiErrorTable Evaluate(TaskTrainer trainer, BabiTask task, string split = "test", int batchSize = TaskTrainer.EvalBatch)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(task);
        var rows = new List<BabiTaskError>();
        foreach (var data in task.Corpus.Tasks)
        {
            var part = data.Split(split);
            var result = trainer.Evaluate(task.Batches(data, part, batchSize));
            rows.Add(new BabiTaskError(data.Task, result.Sequences, (int)Math.Round(result.Metric * result.Sequences), result.Loss));
        }

        return new BabiErrorTable(rows);
    }

    /// <summary>task,questions,correct,error_percent,loss rows, then mean and failed rows.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder("task,questions,correct,error_percent,loss\n");
        foreach (var r in Rows) sb.Append(CultureInfo.InvariantCulture, $"{r.Task},{r.Questions},{r.Correct},{r.ErrorPercent:F2},{r.Loss:F6}\n");
        sb.Append(CultureInfo.InvariantCulture, $"mean,{Rows.Sum(r => r.Questions)},{Rows.Sum(r => r.Correct)},{MeanErrorPercent:F2},\n");
        sb.Append(CultureInfo.InvariantCulture, $"failed (>{FailedAbovePercent:F0}%),{Failed},,,\n");
        return sb.ToString();
    }

    /// <summary>A fixed-width table for the terminal.</summary>
    public string Format()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{"task",6} {"questions",10} {"error %",8}\n");
        foreach (var r in Rows) sb.Append(CultureInfo.InvariantCulture, $"{r.Task,6} {r.Questions,10:N0} {r.ErrorPercent,8:F2}\n");
        sb.Append(CultureInfo.InvariantCulture, $"{"mean",6} {Rows.Sum(r => r.Questions),10:N0} {MeanErrorPercent,8:F2}\n");
        sb.Append(CultureInfo.InvariantCulture, $"failed tasks (error > {FailedAbovePercent:F0}%): {Failed} of {Rows.Count}\n");
        return sb.ToString();
    }
}
