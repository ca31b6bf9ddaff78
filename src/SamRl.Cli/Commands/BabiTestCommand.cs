using System.Text.Json;
using SamRl.Tasks.Babi;
using SamRl.Tasks.Training;

namespace SamRl.Cli.Commands;

/// <summary>
/// `samrl task test` for a bAbI run: the release's test files (not a drawn set, so --size and --seed do not apply),
/// scored task by task into the paper's table (error % per task, mean, tasks with error &gt; 5 %), printed and written
/// to babi-errors.csv next to test-&lt;checkpoint&gt;.json and a tests.csv row.
/// </summary>
internal static class BabiTestCommand
{
    public static int Run(RunDirectory dir, TaskConfig config, string checkpoint, string which, int? threads, string? device)
    {
        config = config with { Threads = threads ?? config.Threads, Device = device ?? config.Device };
        TaskTrainer trainer;
        try
        {
            config.TorchDevice();
            trainer = new TaskTrainer(config);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"cannot test {dir.Path}: {e.Message}");
        }

        using (trainer)
        {
            var babi = (BabiTask)trainer.Task;
            var progress = TaskCheckpoint.Load(checkpoint, trainer.Model, null, trainer.Device);
            Console.WriteLine($"testing {config.Model} on {config.Task}: {which} checkpoint (iteration {progress.Iteration:N0}), the test files of {babi.DataFolder}");
            var table = BabiErrorTable.Evaluate(trainer, babi);
            Console.Write(table.Format());
            var questions = table.Rows.Sum(r => r.Questions);
            var accuracy = (double)table.Rows.Sum(r => r.Correct) / questions;
            var loss = table.Rows.Sum(r => r.Loss * r.Questions) / questions;

            var csv = Path.Combine(dir.Path, BabiErrorTable.FileName);
            RunDirectory.WriteAllTextAtomic(csv, table.ToCsv());
            var testedUtc = RunDirectory.UtcStamp();
            var report = new Dictionary<string, object?>
            {
                ["checkpoint"] = which,
                ["iteration"] = progress.Iteration,
                ["test_set"] = "bAbI test files",
                ["sequences"] = questions,
                ["device"] = config.Device,
                ["loss"] = loss,
                ["accuracy"] = accuracy,
                ["mean_error_percent"] = table.MeanErrorPercent,
                ["failed_tasks"] = table.Failed,
                ["error_percent_by_task"] = table.Rows.ToDictionary(r => r.Task.ToString(System.Globalization.CultureInfo.InvariantCulture), r => r.ErrorPercent),
                ["tested_utc"] = testedUtc,
            };
            var outFile = Path.Combine(dir.Path, $"test-{which}.json");
            RunDirectory.WriteAllTextAtomic(outFile, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }) + "\n");
            TestHistory.Append(dir.Path, testedUtc, which, progress.Iteration, 0, questions, config.Device, loss, "accuracy", accuracy);
            Console.WriteLine($"written: {csv}, {outFile} (and a row in {TestHistory.FileName})");
            return 0;
        }
    }
}
