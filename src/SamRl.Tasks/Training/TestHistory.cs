using System.Globalization;

namespace SamRl.Tasks.Training;

/// <summary>
/// tests.csv in a run folder: one row per `task test`, appended. test-best.json holds only the newest score for a
/// checkpoint name, and "best" moves as training goes on, so without this an earlier checkpoint's score (say the
/// one after the paper's epoch count) would be overwritten and lost.
/// </summary>
public static class TestHistory
{
    public const string FileName = "tests.csv";
    public const string Header = "tested_utc,checkpoint,iteration,test_seed,sequences,device,loss,metric_name,metric";

    public static string PathIn(string runPath) => Path.Combine(runPath, FileName);

    public static void Append(string runPath, string testedUtc, string checkpoint, long iteration, int testSeed, long sequences,
        string device, double loss, string metricName, double metric)
    {
        foreach (var (name, value) in new[] { ("checkpoint", checkpoint), ("device", device), ("metric_name", metricName) })
            if (value.IndexOfAny([',', '\n', '\r', '"']) >= 0) throw new ArgumentException($"{name} '{value}' cannot go into a CSV field");
        var path = PathIn(runPath);
        var row = string.Create(CultureInfo.InvariantCulture,
            $"{testedUtc},{checkpoint},{iteration},{testSeed},{sequences},{device},{loss:R},{metricName},{metric:R}\n");
        // One write per row, header included, so a crash leaves either the whole row or none of it.
        File.AppendAllText(path, File.Exists(path) && new FileInfo(path).Length > 0 ? row : Header + "\n" + row);
    }
}
