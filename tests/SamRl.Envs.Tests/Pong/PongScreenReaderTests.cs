using SamRl.Envs.Pong;

namespace SamRl.Envs.Tests.Pong;

public class PongScreenReaderTests
{
    [Fact]
    public void PositionsReadFromTheScreenMatchTheGameUnderRandomPlay()
    {
        var env = new PongEnv();
        env.Reset();
        PongGame g = env.Game;
        var rng = new Random(11);
        int ballsChecked = 0, agentChecked = 0, cpuChecked = 0;
        for (int t = 0; t < 3000; t++)
        {
            StepResult r = env.Step(rng.Next(6));
            PongScreenPositions seen = PongScreenReader.Read(r.Observation.ByteSpan);
            if (r.Done)
            {
                env.Reset();
                continue;
            }

            if (g.EpisodeFrame < 2)
            {
                continue; // attract palette
            }

            PongBallSprite ball = g.BallSprite();
            int top = Math.Min(ball.LeftTop, ball.RightTop), bottom = Math.Max(ball.LeftBottom, ball.RightBottom);
            if (ball.Visible && top >= PongLayout.PlayfieldFirstRow && bottom <= PongLayout.PlayfieldLastRow && ball.Left >= 0)
            {
                Assert.Equal((ball.Left, top), (seen.BallX, seen.BallY));
                ballsChecked++;
            }
            else if (!ball.Visible)
            {
                Assert.Null(seen.BallY);
            }

            Assert.Equal(g.AgentPaddleTopRow(), seen.AgentY);
            agentChecked++;
            if (g.CpuPaddle >= PongLayout.PlayfieldFirstRow)
            {
                Assert.Equal(g.CpuPaddleTopRow(), seen.CpuY);
                cpuChecked++;
            }
            else
            {
                Assert.Null(seen.CpuY);
            }
        }

        Assert.True(ballsChecked > 1000 && cpuChecked > 1000 && agentChecked > 2900, $"{ballsChecked} {cpuChecked}");
    }

    [Fact]
    public void AConstructedScreenReadsBackItsState()
    {
        var g = new PongGame { EpisodeFrame = 50, BallX = 190, BallY = 110, BallDx = 1, Speed = 1, CpuPaddle = 36 };
        g.AgentPaddleShown = 40; // top row 26: hidden behind the top wall down to row 33
        g.KernelChargeRow = 0;
        var screen = new byte[PongLayout.ScreenBytes];
        PongScreen.DrawFull(g, screen);
        PongScreenPositions seen = PongScreenReader.Read(screen);
        Assert.Equal(141, seen.BallX);
        Assert.Equal(96, seen.BallY);
        Assert.Equal(26, seen.AgentY);
        Assert.Equal(21, seen.CpuY); // rows 21..36, only 34..36 visible

        // The ball over the paddle hides two of its columns, not its rows.
        g.AgentPaddleShown = 109;
        PongScreen.DrawFull(g, screen);
        seen = PongScreenReader.Read(screen);
        Assert.Equal((141, 96, 96), (seen.BallX, seen.BallY, seen.AgentY));
    }

    [Fact]
    public void TheAttractScreenAndATooShortBufferAreHandled()
    {
        var env = new PongEnv();
        var (o, _) = env.Reset();
        Assert.Equal(new PongScreenPositions(null, null, null, null), PongScreenReader.Read(o.ByteSpan));
        Assert.Throws<ArgumentException>(() => PongScreenReader.Read(new byte[100]));
    }
}
