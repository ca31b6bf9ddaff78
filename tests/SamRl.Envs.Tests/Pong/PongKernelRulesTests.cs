using SamRl.Envs.Pong;
using static SamRl.Envs.Tests.Pong.PongTestSetup;

namespace SamRl.Envs.Tests.Pong;

/// <summary>The four rules of issue 20 that bring the built-in Pong frame-exact with the real game, each in a constructed situation.</summary>
public class PongKernelRulesTests
{
    private static readonly PongPalette P = PongPalette.Normal;

    [Fact]
    public void BallOverPaddles_TheBallStaysVisibleUnderTheAgentPaddle()
    {
        PongEnv env = Started();
        PongGame g = env.Game;
        // Agent paddle shown at 109: rows 96..111, columns 140..143. The ball moves to x0 = 140, rows 96..99.
        PlaceBall(g, x: 190, y: 110, dx: -1, dy: 0);
        Observation o = env.Step(0).Observation;
        Assert.Equal(140, g.BallX - 49);
        for (int row = 96; row <= 99; row++)
        {
            Assert.Equal(P.Ball, Pixel(o, row, 140));
            Assert.Equal(P.Ball, Pixel(o, row, 141));
            Assert.Equal(P.AgentPaddle, Pixel(o, row, 142));
        }

        Assert.Equal(P.AgentPaddle, Pixel(o, 100, 140));
        Assert.Equal(P.AgentPaddle, Pixel(o, 95 + 16, 141));
    }

    [Fact]
    public void BallOverPaddles_TheBallStaysVisibleUnderTheCpuPaddle()
    {
        PongEnv env = Started();
        PongGame g = env.Game;
        PlaceBall(g, x: 67, y: 120, dx: -1, dy: 0);
        g.CpuPaddle = 114;
        Observation o = env.Step(0).Observation;
        Assert.Equal(17, g.BallX - 49);
        Assert.InRange(g.CpuPaddle, 114, 116); // rows cpu-15..cpu cover the ball's rows 106..109
        Assert.Equal(P.Ball, Pixel(o, 106, 17));
        Assert.Equal(P.Ball, Pixel(o, 109, 18));
        Assert.Equal(P.CpuPaddle, Pixel(o, 106, 16));
        Assert.Equal(P.CpuPaddle, Pixel(o, 110, 17));
    }

    [Theory]
    [InlineData(151)] // odd y
    [InlineData(150)] // even y: at the right edge both parities are drawn one row up
    public void ScoringFrameShowsTheBall_AtTheRightEdgeOneRowUpWhileTheCpuChasesItsLastY(int y)
    {
        PongEnv env = Started();
        PongGame g = env.Game;
        PlaceBall(g, x: 204, y: y, dx: 1, dy: 0);
        g.CpuPaddle = 100;
        Assert.Equal(0, env.Step(0).Reward); // moves to x0 = 156
        int cpuBefore = g.CpuPaddle;
        bool cpuRests = (g.FrameCounter & 7) == 0;
        StepResult scoring = env.Step(0);
        Assert.Equal(-1, scoring.Reward);
        Assert.False(g.BallInPlay);
        Assert.Equal(cpuRests ? cpuBefore : cpuBefore + 2, g.CpuPaddle); // towards y, not towards 0
        Assert.Equal(y - 15, TopRowOf(scoring.Observation, 156, P.Ball));
        Assert.Equal(y - 15, TopRowOf(scoring.Observation, 157, P.Ball));

        // One frame later the ball is gone and the CPU slides up towards 0.
        int cpuAtPoint = g.CpuPaddle;
        Observation after = env.Step(0).Observation;
        Assert.Equal(-1, TopRowOf(after, 156, P.Ball));
        Assert.True(g.CpuPaddle <= cpuAtPoint);
    }

    [Fact]
    public void ScoringFrameShowsTheBall_AtTheLeftEdgeAtYMinus14()
    {
        PongEnv env = Started();
        PongGame g = env.Game;
        PlaceBall(g, x: 53, y: 121, dx: -1, dy: 0);
        g.CpuPaddle = 40;
        Assert.Equal(0, env.Step(0).Reward); // x0 = 3
        StepResult scoring = env.Step(0);
        Assert.Equal(1, scoring.Reward);
        Assert.Equal(121 - 14, TopRowOf(scoring.Observation, 3, P.Ball));
        Assert.Equal(-1, TopRowOf(env.Step(0).Observation, 3, P.Ball));
    }

    [Theory]
    [InlineData(false, 2)]
    [InlineData(true, 3)]
    public void AgentHitOnEveryOverlap_AppliesAgainAfterTheBallHasReversed(bool fire, int speedAfter)
    {
        PongEnv env = Started();
        PongGame g = env.Game;
        // Already going back at speed 2, still overlapping the paddle (x0 140, rows 96..99, paddle rows 96..111).
        PlaceBall(g, x: 191, y: 110, dx: -2, dy: 0);
        int hits = g.Hits;
        int action = fire ? (int)PongAction.Fire : (int)PongAction.Noop;
        env.Step(action); // drawn overlapping: offset 110 - 109 = 1
        env.Step(action); // the hit applies again
        Assert.Equal(-1, g.BallDy);
        Assert.Equal(speedAfter, g.Speed);
        Assert.Equal(-speedAfter, g.BallDx);
        Assert.Equal(hits, g.Hits); // not a new return
    }

    [Fact]
    public void AgentHitOnEveryOverlap_DoesNotApplyToTheCpuOnceTheBallGoesRight()
    {
        PongEnv env = Started();
        PongGame g = env.Game;
        PlaceBall(g, x: 65, y: 120, dx: 1, dy: 1);
        g.CpuPaddle = 124;
        env.Step(0);
        env.Step(0);
        Assert.Equal((1, 1), (g.BallDx, g.BallDy));
    }

    [Theory]
    // odd y = 151: rows 137..140; write columns 127 (charged) / 133 (not yet charged)
    [InlineData(151, 127, 0, 136, 136)]
    [InlineData(151, 126, 0, 137, 136)] // straddles the write: 5-row bounding box
    [InlineData(151, 127, 250, 137, 137)]
    [InlineData(151, 133, 250, 136, 136)]
    [InlineData(151, 100, 0, 137, 137)]
    // even y = 150: rows 136..139; write columns 149 / 155
    [InlineData(150, 149, 0, 135, 135)]
    [InlineData(150, 149, 250, 136, 136)]
    [InlineData(150, 155, 250, 135, 135)]
    [InlineData(150, 140, 0, 136, 136)]
    public void BallRowsFromKernelTiming_TopRowDependsOnColumnParityAndPotCharge(int y, int column, int chargeRow, int leftTop, int rightTop)
    {
        var g = new PongGame();
        PlaceBall(g, x: column + 49, y: y, dx: 1, dy: 0);
        g.KernelChargeRow = chargeRow;
        PongBallSprite s = g.BallSprite();
        Assert.Equal((leftTop, rightTop), (s.LeftTop, s.RightTop));
        Assert.Equal(3, s.LeftBottom - s.LeftTop);
        Assert.Equal(3, s.RightBottom - s.RightTop);
    }

    [Fact]
    public void BallRowsFromKernelTiming_AChargeInsideTheBallDrawsThreeRows()
    {
        var g = new PongGame();
        g.CpuScore = 0;
        g.EpisodeFrame = 100; // normal palette
        PlaceBall(g, x: 130 + 49, y: 151, dx: 1, dy: 0);
        // Top edge written on row 136 (not charged yet: column 133), bottom edge on row 140 (charged: column 127).
        g.KernelChargeRow = 138;
        PongBallSprite s = g.BallSprite();
        Assert.Equal((137, 139), (s.LeftTop, s.LeftBottom));
        var screen = new byte[PongLayout.ScreenBytes];
        PongScreen.DrawFull(g, screen);
        var o = new Observation(screen, [210, 160, 3]);
        Assert.Equal(3, Enumerable.Range(34, 160).Count(r => Pixel(o, r, 130) == P.Ball));
        Assert.Equal(137, TopRowOf(o, 130, P.Ball));
    }

    [Fact]
    public void KernelPotTiming_ChargeRowFollowsTheFittedPotReadingForEveryKnob()
    {
        for (int r = PongGame.KnobMin; r <= PongGame.KnobMax; r += 997)
        {
            Assert.Equal(PongGame.PotReading(r), Math.Clamp((PongGame.PotChargeRow(r) + 7) & ~1, 38, 204));
        }

        Assert.Equal(103, PongGame.PotChargeRow(PongGame.KnobStart)); // the centred paddle's rows are 96..111
    }

    [Fact]
    public void KernelPotTiming_FramesAlternateBetweenTheAgentsPotAndTheUntouchedOne()
    {
        var env = new PongEnv();
        env.Reset();
        PongGame g = env.Game;
        var rows = new List<(bool AgentFrame, int Row, int Knob)>();
        for (int t = 0; t < 12; t++)
        {
            bool agentFrame = ((g.FrameCounter + 1) & 1) == 0;
            env.Step((int)PongAction.Right);
            rows.Add((agentFrame, g.KernelChargeRow, g.Knob));
        }

        Assert.Equal(6, rows.Count(r => r.AgentFrame));
        Assert.All(rows.Where(r => !r.AgentFrame), r => Assert.Equal(103, r.Row));
        Assert.All(rows.Where(r => r.AgentFrame), r => Assert.Equal(PongGame.PotChargeRow(r.Knob), r.Row));
        Assert.True(rows.Where(r => r.AgentFrame).Last().Row < 60, "12 frames of RIGHT turn the agent's pot far up");
    }

    [Fact]
    public void BallRowsFromKernelTiming_CollisionsUseTheShiftedRows()
    {
        // Odd y = 107 at x0 = 139: drawn at rows 92..95 (one row up), so it misses the paddle's top row 96,
        // which the unshifted rows 93..96 would touch: the ball passes.
        PongEnv env = Started();
        PongGame g = env.Game;
        PlaceBall(g, x: 187, y: 107, dx: 1, dy: 0);
        env.Step(0);
        Assert.Equal(92, g.BallSprite().RightTop);
        env.Step(0);
        Assert.Equal(1, g.BallDx);

        // One row lower (y = 108, even, not shifted: rows 94..97) it is a hit.
        env = Started();
        g = env.Game;
        PlaceBall(g, x: 187, y: 108, dx: 1, dy: 0);
        env.Step(0);
        env.Step(0);
        Assert.Equal(-1, g.BallDx);
    }

    private static PongEnv Started()
    {
        var env = new PongEnv();
        env.Reset();
        env.Step(0);
        env.Step(0);
        return env;
    }

    private static int TopRowOf(Observation o, int column, Rgb colour)
    {
        for (int row = PongLayout.PlayfieldFirstRow; row <= PongLayout.PlayfieldLastRow; row++)
        {
            if (Pixel(o, row, column) == colour)
            {
                return row;
            }
        }

        return -1;
    }
}
