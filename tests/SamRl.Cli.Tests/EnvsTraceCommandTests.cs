namespace SamRl.Cli.Tests;

/// <summary>`samrl envs trace`: the header, one line per agent step, the summary, and one-line errors.</summary>
[Collection(ConsoleCollection.Name)]
public class EnvsTraceCommandTests
{
    [Fact]
    public void NoopTracePrintsHeaderStepsAndSummary()
    {
        var r = CliRunner.Run("envs", "trace", "pong", "--policy", "noop", "--frame-skip", "8");
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}; stderr: {r.Err}");
        Assert.Equal("", r.Err);
        string[] lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("# samrl envs trace: env=pong policy=noop fire=no frame_skip=8 seed=0 max_frames=108000", lines[0]);
        Assert.Equal("# frame action reward ball_x ball_y cpu_y agent_y", lines[1]);
        Assert.Equal(2 + 1 + (3056 / 8) + 1, lines.Length);
        Assert.StartsWith("# end: frames=3056 points=21 score=0-21", lines[^1]);
        Assert.Contains("point_frames=256,396,", lines[^1]);
        Assert.Equal(21, lines.Count(l => l.Split(' ') is [_, _, "-1", ..]));
    }

    [Fact]
    public void TheEnvOptionAndFireAreAccepted()
    {
        var a = CliRunner.Run("envs", "trace", "--env", "pong", "--policy", "track", "--fire", "--frames", "300", "--frame-skip", "4");
        var b = CliRunner.Run("envs", "trace", "pong", "--policy", "track", "--fire", "--frames", "300", "--frame-skip", "4");
        Assert.True(a.ExitCode == 0, a.Err);
        Assert.Equal(a.Out, b.Out);
        Assert.Matches(" (RIGHT|LEFT)FIRE ", a.Out);
        Assert.DoesNotContain(" NOOP ", a.Out);
    }

    [Theory]
    [InlineData("--policy", "chase")]
    [InlineData("--frame-skip", "-1")]
    [InlineData("--frames", "0")]
    public void BadInputsAreOneLineUsageErrors(string option, string value)
    {
        var r = CliRunner.Run("envs", "trace", "pong", option, value);
        Assert.Equal(2, r.ExitCode);
        string[] err = r.ErrLines;
        Assert.Single(err);
        Assert.StartsWith("samrl: ", err[0]);
        Assert.Contains(option, err[0]);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void RandomWithFireAndAConflictingEnvAreUsageErrors()
    {
        Assert.Equal(2, CliRunner.Run("envs", "trace", "pong", "--policy", "random", "--fire").ExitCode);
        Assert.Equal(2, CliRunner.Run("envs", "trace", "pong", "--env", "catch").ExitCode);
        Assert.Equal(2, CliRunner.Run("envs", "trace", "catch").ExitCode);
    }

    [Fact]
    public void TheRealGameWithoutAleOrRomFailsWithOneLine()
    {
        var r = CliRunner.Run("envs", "trace", "ale:pong", "--rom", "/no/such/pong.bin", "--frames", "10");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Single(r.ErrLines);
        Assert.StartsWith("samrl: ", r.ErrLines[0]);
        Assert.DoesNotContain("   at ", r.Err);
    }
}
