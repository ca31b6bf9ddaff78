using SamRl.Envs.Diagnostics;
using SamRl.Envs.Pong;

namespace SamRl.Envs.Tests.Diagnostics;

public class ScreenTraceTests
{
    private static (List<string> Lines, TraceSummary Summary) Trace(string policy, int skip, bool fire = false, long frames = 20_000, int seed = 0)
    {
        var lines = new List<string>();
        TraceSummary s = ScreenTrace.Run(new PongEnv(), ScreenPolicy.Create(policy, fire, seed), skip, frames, seed, st => lines.Add(st.ToLine()));
        return (lines, s);
    }

    [Fact]
    public void NoopTraceLosesTwentyOneToNilWithTheMeasuredPointFrames()
    {
        var (lines, s) = Trace("noop", 4);
        Assert.True(s.GameOver);
        Assert.Equal((3056L, 0, 21), (s.Frames, s.AgentPoints, s.CpuPoints));
        Assert.Equal(Enumerable.Range(0, 21).Select(i => 256L + (140 * i)), s.PointFrames);
        Assert.Equal("0 - 0 - - - -", lines[0]);
        Assert.Equal(1 + 764, lines.Count); // 3056 / 4 agent steps after the reset line
        Assert.All(lines, l => Assert.Equal(7, l.Split(' ').Length));
        Assert.Equal("4 NOOP 0 - - - 96", lines[1]); // no ball before t = 59; the agent paddle rows 96..111
        Assert.StartsWith("# end: frames=3056 points=21 score=0-21", s.ToLine());
    }

    [Fact]
    public void TraceLinesHaveFramesActionsAndPositions()
    {
        var (lines, _) = Trace("track", 2, frames: 200);
        long previous = 0;
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(' ');
            long frame = long.Parse(f[0]);
            Assert.Equal(previous + 2, frame);
            previous = frame;
            Assert.Contains(f[1], PongEnv.Meanings);
            Assert.Equal("0", f[2]);
            if (frame < 59)
            {
                Assert.Equal("-", f[3]); // no ball before the first serve, and the paddle waits at rows 96..111
                Assert.Equal("96", f[6]);
            }
        }

        Assert.Equal(200, previous);
        Assert.True(lines.Count(l => l.Split(' ')[3] != "-") > 50, "the ball is read once served");
        Assert.Contains(lines, l => l.Split(' ')[1] is "LEFT" or "RIGHT");
    }

    [Theory]
    [InlineData("track", 1, false)]
    [InlineData("track", 4, true)]
    [InlineData("random", 2, false)]
    public void TracesAreDeterministic(string policy, int skip, bool fire)
    {
        var a = Trace(policy, skip, fire, 6000, seed: 3);
        var b = Trace(policy, skip, fire, 6000, seed: 3);
        Assert.Equal(a.Lines, b.Lines);
        Assert.Equal(a.Summary.PointFrames, b.Summary.PointFrames);
    }

    [Fact]
    public void TrackFollowsTheBallFromTheScreen()
    {
        var policy = ScreenPolicy.Create("track", fire: false, seed: 0);
        Assert.Equal(2, policy.Act(new PongScreenPositions(100, 60, 80, 96)));   // ball above: RIGHT (up)
        Assert.Equal(3, policy.Act(new PongScreenPositions(100, 130, 80, 96)));  // ball below: LEFT (down)
        Assert.Equal(0, policy.Act(new PongScreenPositions(100, 104, 80, 96)));  // d = 2: within the dead band
        Assert.Equal(2, policy.Act(new PongScreenPositions(100, 99, 80, 96)));   // d = -3
        Assert.Equal(0, policy.Act(new PongScreenPositions(null, null, 80, 96)));
        var fire = ScreenPolicy.Create("track", fire: true, seed: 0);
        Assert.Equal(4, fire.Act(new PongScreenPositions(100, 60, 80, 96)));
        Assert.Equal(5, fire.Act(new PongScreenPositions(100, 130, 80, 96)));
        Assert.Equal(1, fire.Act(new PongScreenPositions(null, null, null, null)));
    }

    [Fact]
    public void BadPoliciesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => ScreenPolicy.Create("chase", false, 0));
        Assert.Throws<ArgumentException>(() => ScreenPolicy.Create("random", true, 0));
    }
}
