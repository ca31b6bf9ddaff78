using System.Diagnostics;
using System.Globalization;

namespace SamRl.Cli.Tests;

/// <summary>`samrl train` end to end on the tiny Catch game: usage errors, a sweep, and a real kill -9 then resume.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class TrainCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "samrl-train-cli-" + Guid.NewGuid().ToString("N"));

    public TrainCommandTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }

    private static void AssertOneLineError(CliRunner.Result r, string mentions)
    {
        Assert.True(r.ExitCode != 0, $"exit code 0; stdout: {r.Out}");
        var lines = r.ErrLines;
        Assert.True(lines.Length == 1, $"expected one stderr line, got {lines.Length}:\n{r.Err}");
        Assert.StartsWith("samrl: ", lines[0]);
        Assert.Contains(mentions, lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Theory]
    [InlineData("--agent", "transformer", "transformer")]
    [InlineData("--env", "no-such-game", "no-such-game")]
    [InlineData("--env", "ale:/nonexistent/pong.bin", "pong.bin")]
    [InlineData("--frames", "lots", "--frames")]
    [InlineData("--mode", "sync", "sync")]
    [InlineData("--workers", "0", "workers")]
    [InlineData("--set", "no_such_key=1", "no_such_key")]
    [InlineData("--preset", "nope", "nope")]
    public void BadSettingsAreOneLineErrors(string flag, string value, string mentions)
    {
        var args = new List<string> { "train", "--frames", "1000", "--out", _root, flag, value };
        if (flag != "--env") args.AddRange(["--env", "catch"]);
        var r = CliRunner.Run([.. args]);
        AssertOneLineError(r, mentions);
        Assert.Empty(Directory.GetDirectories(_root));
    }

    [Fact]
    public void ResumeRefusesSettingsThatCannotChangeAndMissingRuns()
    {
        AssertOneLineError(CliRunner.Run("train", "--resume", Path.Combine(_root, "absent")), "absent");
        AssertOneLineError(CliRunner.Run("train", "--resume", _root, "--agent", "stm"), "--agent");
    }

    [Fact]
    public void YamlConfigSweepsAgentsAndSeeds()
    {
        string yaml = Path.Combine(_root, "sweep.yaml");
        File.WriteAllText(yaml, "env: catch\nagent: [lstm, stm]\nseeds: 1-2\nframes: 400\nworkers: 1\n");
        var r = CliRunner.Run("train", "--config", yaml, "--out", _root, "--parallel", "2");
        Assert.True(r.ExitCode == 0, r.Err);
        var runs = Directory.GetDirectories(_root).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(4, runs.Length);
        Assert.Equal(2, runs.Count(n => n!.Contains("-lstm-")));
        Assert.Equal(2, runs.Count(n => n!.Contains("-s2-")));
        Assert.Contains("samrl train --resume", r.Out);
    }

    [Fact]
    public void CorruptCheckpointIsAOneLineError()
    {
        var r = CliRunner.Run("train", "--env", "catch", "--frames", "400", "--workers", "1", "--out", _root);
        Assert.True(r.ExitCode == 0, r.Err);
        string run = Directory.GetDirectories(_root).Single();
        string latest = Path.Combine(run, "checkpoints", "latest.safetensors");
        var bytes = File.ReadAllBytes(latest);
        File.WriteAllBytes(latest, bytes[..(bytes.Length / 2)]);
        AssertOneLineError(CliRunner.Run("train", "--resume", run, "--frames", "800"), "latest.safetensors");
    }

    /// <summary>
    /// A real process killed with SIGKILL between checkpoints, then resumed: episodes.csv holds every game once (the
    /// rows written after the last checkpoint are cut and the command says so), frames never go back.
    /// </summary>
    [Fact]
    public void KillNineThenResumeLeavesNoGapAndNoDuplicate()
    {
        string dll = typeof(Program).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll, "train", "--env", "catch", "--frames", "100M", "--workers", "2", "--checkpoint-minutes", "0.02", "--out", _root })
            psi.ArgumentList.Add(a);
        using (var p = Process.Start(psi)!)
        {
            p.OutputDataReceived += (_, _) => { };
            p.ErrorDataReceived += (_, _) => { };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            // Two checkpoints, and games logged after the second, before the kill.
            var clock = Stopwatch.StartNew();
            string? latest = null;
            while (clock.Elapsed < TimeSpan.FromSeconds(90))
            {
                var dirs = Directory.GetDirectories(_root);
                if (dirs.Length == 1) latest = Path.Combine(dirs[0], "checkpoints", "latest.safetensors");
                if (latest is not null && File.Exists(latest) && clock.Elapsed > TimeSpan.FromSeconds(4)) break;
                Thread.Sleep(200);
            }

            Thread.Sleep(700);
            Assert.False(p.HasExited, "the training process ended before it was killed");
            p.Kill(entireProcessTree: true); // SIGKILL: no handler runs, nothing is flushed on purpose
            p.WaitForExit();
        }

        string run = Directory.GetDirectories(_root).Single();
        long before = Games(run).Length;
        var r = CliRunner.Run("train", "--resume", run, "--frames", "20k");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("cut", r.Err);
        var games = Games(run);
        Assert.True(games.Length > 0);
        Assert.Equal(Enumerable.Range(1, games.Length).Select(i => (long)i), games);
        var frames = Column(run, "episodes.csv", 2);
        Assert.True(frames.Zip(frames.Skip(1)).All(f => f.First <= f.Second), "episode frames must not go back");
        var updates = Column(run, "updates.csv", 0);
        Assert.True(updates.Zip(updates.Skip(1)).All(u => u.First < u.Second), "update rows must increase");
        Assert.True(before > 0, "no game was logged before the kill");
    }

    private static long[] Games(string run) => Column(run, "episodes.csv", 0);

    private static long[] Column(string run, string file, int index) =>
        File.ReadAllLines(Path.Combine(run, file)).Skip(1).Where(l => l.Length > 0)
            .Select(l => long.Parse(l.Split(',')[index], CultureInfo.InvariantCulture)).ToArray();
}
