using SamRl.Cli.Watch;

namespace SamRl.Cli.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class WatchCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "samrl-watch-cli-" + Guid.NewGuid().ToString("N"));

    public WatchCommandTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }

    private string TrainedCatch()
    {
        var r = CliRunner.Run("train", "--env", "catch", "--frames", "400", "--workers", "1", "--out", _root);
        Assert.True(r.ExitCode == 0, r.Err);
        return Directory.GetDirectories(_root).Single();
    }

    [Fact]
    public void PlaysGamesOfATrainedRunAndWritesAVideo()
    {
        string run = TrainedCatch();
        string video = Path.Combine(_root, "catch.gif");
        var r = CliRunner.Run("watch", run, "--episodes", "2", "--no-screen", "--video", video, "--sample");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("game 1: return", r.Out);
        Assert.Contains("game 2: return", r.Out);
        Assert.Contains("mean return", r.Out);
        Assert.True(new FileInfo(video).Length > 100, "the gif is empty");
        Assert.Equal("GIF8", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(video)[..4]));
    }

    [Fact]
    public void TrainingRecordsAGreedyGameEveryNGames()
    {
        var r = CliRunner.Run("train", "--env", "catch", "--frames", "1500", "--workers", "1", "--video-every", "50", "--out", _root);
        Assert.True(r.ExitCode == 0, r.Err);
        string videos = Path.Combine(Directory.GetDirectories(_root).Single(), "videos");
        var files = Directory.GetFiles(videos, "game-*.mp4");
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length > 100, $"{f} is empty"));
        Assert.Empty(Directory.GetFiles(videos, "*.part.mp4"));
    }

    [Fact]
    public void BadTargetsAreOneLineErrors()
    {
        var r = CliRunner.Run("watch", Path.Combine(_root, "absent"));
        Assert.NotEqual(0, r.ExitCode);
        Assert.Single(r.ErrLines);
        Assert.Contains("absent", r.ErrLines[0]);
        string run = TrainedCatch();
        r = CliRunner.Run("watch", run, "--video", Path.Combine(_root, "x.avi"), "--no-screen");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains(".mp4 or .gif", r.ErrLines[0]);
    }

    [Fact]
    public void TerminalFrameIsHalfBlocksWithTheSideText()
    {
        var rgb = new byte[TerminalScreen.Width * TerminalScreen.Height * 3];
        rgb[0] = 255; // the top-left pixel red
        string s = TerminalScreen.Compose(rgb, ["score +3"]);
        var lines = s.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(53, lines.Length);                                     // 210 rows, every 2nd, two per character
        Assert.StartsWith("\u001b[H\u001b[38;2;255;0;0m\u001b[48;2;0;0;0m▀", s);
        Assert.Contains("score +3", lines[0]);
        Assert.Equal(80, lines[1].Count(ch => ch == '▀'));
    }
}
