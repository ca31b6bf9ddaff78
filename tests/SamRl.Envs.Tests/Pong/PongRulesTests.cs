using SamRl.Envs.Pong;
using static SamRl.Envs.Tests.Pong.PongTestSetup;

namespace SamRl.Envs.Tests.Pong;

public class PongRulesTests
{
    [Fact]
    public void AlwaysNoopLosesTwentyOneToNilInExactly3056Frames()
    {
        var env = new PongEnv();
        env.Reset(123);
        var pointFrames = new List<long>();
        StepResult r;
        do
        {
            r = env.Step((int)PongAction.Noop, observe: false);
            if (r.Reward != 0)
            {
                Assert.Equal(-1, r.Reward);
                pointFrames.Add(r.Info.EpisodeFrameNumber);
            }
        }
        while (!r.Terminated);

        Assert.Equal(3056, r.Info.EpisodeFrameNumber);
        Assert.Equal(21, env.Game.CpuScore);
        Assert.Equal(0, env.Game.AgentScore);
        Assert.Equal(21, pointFrames.Count);
        Assert.Equal(256, pointFrames[0]);
        Assert.All(pointFrames.Zip(pointFrames.Skip(1)), p => Assert.Equal(140, p.Second - p.First));
        Assert.False(r.Truncated);
    }

    [Fact]
    public void AlwaysFireIsIdenticalToAlwaysNoop()
    {
        var noop = new PongEnv();
        var fire = new PongEnv();
        noop.Reset();
        fire.Reset();
        for (int t = 0; t < 3056; t++)
        {
            var a = noop.Step((int)PongAction.Noop);
            var b = fire.Step((int)PongAction.Fire);
            Assert.Equal(a.Reward, b.Reward);
            Assert.True(a.Observation.ByteSpan.SequenceEqual(b.Observation.ByteSpan), $"frame {t + 1} differs");
        }
    }

    [Fact]
    public void FirstServeAppearsAtFrame59TowardTheCpu()
    {
        var env = new PongEnv();
        env.Reset();
        PongGame g = env.Game;
        for (int t = 1; t < 59; t++)
        {
            env.Step(0);
            Assert.False(g.BallInPlay);
        }

        env.Step(0);
        Assert.Equal((127, 129, -1, 1, 1), (g.BallX, g.BallY, g.BallDx, g.BallDy, g.Speed));
        Assert.Equal(130, g.CpuPaddle);
    }

    [Fact]
    public void AfterAPointTheBallServesToTheLoser63FramesLater()
    {
        var env = new PongEnv();
        env.Reset();
        PongGame g = env.Game;
        while (env.Step(0).Reward == 0)
        {
        }

        long scored = g.EpisodeFrame;
        Assert.False(g.BallInPlay);
        while (!g.BallInPlay)
        {
            env.Step(0);
        }

        Assert.Equal(scored + 63, g.EpisodeFrame);
        Assert.Equal(129, g.BallX); // 128 moved once towards the agent, who lost the point
        Assert.Equal(1, g.BallDx);
        Assert.Equal(1, g.Speed);
    }

    [Fact]
    public void TheAgentScoresWhenTheBallPassesTheCpu()
    {
        var env = new PongEnv();
        env.Reset();
        PongGame g = env.Game;
        PlaceBall(g, x: 54, y: 120, dx: -2, dy: 0);
        g.CpuPaddle = 40; // far away: no hit
        var rewards = new List<float>();
        for (int i = 0; i < 3; i++)
        {
            rewards.Add(env.Step(0).Reward);
        }

        Assert.Contains(1f, rewards);
        Assert.Equal(1, g.AgentScore);
        Assert.False(g.BallInPlay);
        Assert.False(g.ServeTowardAgent);
    }

    [Fact]
    public void TheGameEndsWhenASideReaches21()
    {
        var env = new PongEnv();
        env.Reset();
        PongGame g = env.Game;
        g.AgentScore = 20;
        PlaceBall(g, x: 53, y: 120, dx: -1, dy: 0);
        g.CpuPaddle = 40;
        StepResult r = env.Step(0);
        r = r.Reward == 0 ? env.Step(0) : r;
        Assert.Equal(1, r.Reward);
        Assert.True(r.Terminated);
        Assert.Equal(21, g.AgentScore);

        // ALE keeps showing the final frame and pays nothing more.
        StepResult after = env.Step(0);
        Assert.True(after.Terminated);
        Assert.Equal(0, after.Reward);
    }

    [Theory]
    [InlineData((int)PongAction.Right, 38)]
    [InlineData((int)PongAction.Left, 203)]
    public void ThePaddleStopsAtTheWalls(int action, int limit)
    {
        var env = new PongEnv();
        env.Reset();
        for (int t = 0; t < 120; t++)
        {
            env.Step(action);
        }

        Assert.Equal(limit, env.Game.AgentPaddleShown);
        int top = env.Game.AgentPaddleTopRow();
        Assert.Equal(action == (int)PongAction.Right ? 24 : 190, top);
    }

    [Fact]
    public void HoldingRightFollowsTheMeasuredTrace()
    {
        var env = new PongEnv();
        env.Reset();
        var shown = new List<int> { env.Game.AgentPaddleShown };
        for (int t = 0; t < 30; t++)
        {
            env.Step((int)PongAction.Right);
            if (env.Game.AgentPaddleShown != shown[^1])
            {
                shown.Add(env.Game.AgentPaddleShown);
            }
        }

        Assert.Equal([109, 106, 99, 89, 78, 68, 57, 47, 42, 40, 39, 38], shown);
    }

    [Fact]
    public void NoopOrFireLeaveTheKnobAndThePaddleAlone()
    {
        var env = new PongEnv();
        env.Reset();
        for (int t = 0; t < 40; t++)
        {
            env.Step(t % 2 == 0 ? (int)PongAction.Noop : (int)PongAction.Fire);
        }

        Assert.Equal(PongGame.KnobStart, env.Game.Knob);
        Assert.Equal(109, env.Game.AgentPaddleShown);
    }

    [Theory]
    [InlineData(-12, 40)]
    [InlineData(-1, 104)]
    [InlineData(0, 110)]
    [InlineData(1, 114)]
    [InlineData(10, 166)]
    [InlineData(17, 204)]
    [InlineData(-13, 38)]
    public void PotReadingMatchesTheMeasuredTable(int netLeftFrames, int expected)
    {
        int knob = Math.Clamp(PongGame.KnobStart + (netLeftFrames * PongGame.KnobStep), PongGame.KnobMin, PongGame.KnobMax);
        Assert.Equal(expected, PongGame.PotReading(knob));
    }

    [Theory]
    [InlineData(46, -2, 44, 47, 49)]
    [InlineData(205, 2, 207, 204, 202)]
    public void TheBallBouncesOffTheWalls(int y0, int dy, int y1, int y2, int y3)
    {
        var env = new PongEnv();
        env.Reset();
        PongGame g = env.Game;
        PlaceBall(g, x: 120, y: y0, dx: 1, dy: dy);
        var ys = new List<int>();
        for (int i = 0; i < 3; i++)
        {
            env.Step(0);
            ys.Add(g.BallY);
        }

        Assert.Equal([y1, y2, y3], ys);
        Assert.Equal(-dy, g.BallDy);
    }

    [Theory]
    [InlineData(-3, -2)]
    [InlineData(0, -2)]
    [InlineData(1, -1)]
    [InlineData(4, -1)]
    [InlineData(5, 0)]
    [InlineData(8, 0)]
    [InlineData(9, 1)]
    [InlineData(13, 2)]
    [InlineData(16, 2)]
    [InlineData(-4, -3)]
    public void BounceAngleComesFromTheHitOffset(int offset, int dy) => Assert.Equal(dy, PongGame.BounceDy(offset));

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public void TheAgentReturnsTheBallAndFireSmashes(bool fire, int expectedSpeed)
    {
        var env = new PongEnv();
        env.Reset();
        PongGame g = env.Game;
        // Paddle shown at 109: rows 96..111. A ball at y = 116 (rows 102..105) meets it in the middle zone.
        PlaceBall(g, x: 186, y: 116, dx: 1, dy: 0);
        int action = fire ? (int)PongAction.Fire : (int)PongAction.Noop;
        for (int i = 0; i < 6 && g.BallDx > 0; i++)
        {
            env.Step(action);
        }

        Assert.True(g.BallDx < 0, "the ball should come back");
        Assert.Equal(expectedSpeed, g.Speed);
        Assert.Equal(-expectedSpeed, g.BallDx);
        Assert.Equal(0, g.BallDy); // offset 116 - 109 = 7: the middle zone
    }

    [Fact]
    public void TheCpuReturnsTheBallButNeverSpeedsItUp()
    {
        var env = new PongEnv();
        env.Reset();
        PongGame g = env.Game;
        PlaceBall(g, x: 72, y: 120, dx: -3, dy: 0);
        g.Speed = 3;
        g.CpuPaddle = 122;
        for (int i = 0; i < 8 && g.BallDx < 0; i++)
        {
            env.Step((int)PongAction.Fire);
        }

        Assert.Equal(3, g.BallDx);
        Assert.Equal(3, g.Speed);
    }

    [Fact]
    public void TheCpuChasesTheBallAndRestsOneFrameInEight()
    {
        var env = new PongEnv();
        env.Reset();
        PongGame g = env.Game;
        PlaceBall(g, x: 120, y: 180, dx: 1, dy: 0);
        g.CpuPaddle = 100;
        var moves = new List<int>();
        for (int i = 0; i < 16; i++)
        {
            int before = g.CpuPaddle;
            env.Step(0);
            moves.Add(g.CpuPaddle - before);
        }

        Assert.Equal(2, moves.Count(m => m == 0));
        Assert.All(moves, m => Assert.True(m is 0 or 2));
    }
}
