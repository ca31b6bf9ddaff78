using SamRl.Tasks.Training;
using Xunit;

namespace SamRl.Tasks.Tests.Training;

public class TestHistoryTests
{
    [Fact]
    public void RowsAreAppendedUnderOneHeaderAndRoundTripTheNumbers()
    {
        var dir = Path.Combine(Path.GetTempPath(), "samrl-testhistory-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            TestHistory.Append(dir, "2026-11-22T23:12:34Z", "best", 9372, 1339574491, 20000, "cpu", 0.0012103370855323873, "accuracy", 0.9996);
            TestHistory.Append(dir, "2026-11-22T23:20:00Z", "latest", 12450, 7, 16, "cuda:0", 1.0 / 3, "bit_error", 12.25);
            var lines = File.ReadAllLines(TestHistory.PathIn(dir));
            Assert.Equal(new[] { TestHistory.Header,
                "2026-11-22T23:12:34Z,best,9372,1339574491,20000,cpu,0.0012103370855323873,accuracy,0.9996",
                "2026-11-22T23:20:00Z,latest,12450,7,16,cuda:0," + (1.0 / 3).ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ",bit_error,12.25" }, lines);
            Assert.Equal(1.0 / 3, double.Parse(lines[2].Split(',')[6], System.Globalization.CultureInfo.InvariantCulture));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void AFieldThatWouldBreakTheCsvIsRefusedBeforeAnythingIsWritten()
    {
        var dir = Path.Combine(Path.GetTempPath(), "samrl-testhistory-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var e = Assert.Throws<ArgumentException>(() => TestHistory.Append(dir, "t", "best", 1, 1, 1, "cpu,cuda", 0, "accuracy", 1));
            Assert.Contains("device", e.Message);
            Assert.False(File.Exists(TestHistory.PathIn(dir)));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
