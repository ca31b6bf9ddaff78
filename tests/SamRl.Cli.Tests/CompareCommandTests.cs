namespace SamRl.Cli.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class CompareCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "samrl-compare-cli-" + Guid.NewGuid().ToString("N"));

    public CompareCommandTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }

    [Fact]
    public void ComparesRealRunsIntoATableAndAReport()
    {
        var r = CliRunner.Run("train", "--env", "catch", "--agent", "lstm,ff", "--frames", "400", "--workers", "1", "--out", Path.Combine(_root, "runs"));
        Assert.True(r.ExitCode == 0, r.Err);
        string report = Path.Combine(_root, "report");
        r = CliRunner.Run("compare", Path.Combine(_root, "runs", "catch-*"), "--window", "10", "--thresholds", "0.5", "--out", report);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("agent=lstm frame_skip=1", r.Out);
        Assert.Contains("agent=ff frame_skip=1", r.Out);
        foreach (var f in new[] { "report.svg", "report.html", "summary.csv" }) Assert.True(File.Exists(Path.Combine(report, f)), f);
    }

    [Theory]
    [InlineData("--x", "weeks", "weeks")]
    [InlineData("--band", "iqr", "iqr")]
    [InlineData("--group", "colour", "colour")]
    public void BadOptionsAreOneLineErrors(string flag, string value, string mentions)
    {
        var r = CliRunner.Run("compare", _root, flag, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.ErrLines);
        Assert.Contains(mentions, r.ErrLines[0]);
    }

    [Fact]
    public void MissingRunsAreOneLineErrors()
    {
        var r = CliRunner.Run("compare", Path.Combine(_root, "nothing-*"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("matches no run folder", r.ErrLines.Single());
        r = CliRunner.Run("compare", _root);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config.json", r.ErrLines.Single());
    }
}
