using SamRl.Envs.Pong;
using static SamRl.Envs.Tests.Pong.PongTestSetup;

namespace SamRl.Envs.Tests.Pong;

public class PongScreenTests
{
    [Fact]
    public void TheScreenHasTheMeasuredLayoutAndColours()
    {
        var env = new PongEnv();
        env.Reset();
        Observation o = default;
        for (int t = 0; t < 70; t++)
        {
            o = env.Step(0).Observation;
        }

        Assert.Equal([210, 160, 3], o.Shape);
        PongPalette p = PongPalette.Normal;
        Assert.Equal(PongPalette.Black, Pixel(o, 0, 0));
        Assert.Equal(PongPalette.Black, Pixel(o, 0, 7));
        Assert.Equal(p.Background, Pixel(o, 0, 8));
        Assert.Equal(p.Wall, Pixel(o, 24, 80));
        Assert.Equal(p.Wall, Pixel(o, 33, 0));
        Assert.Equal(p.Background, Pixel(o, 34, 80));
        Assert.Equal(p.Wall, Pixel(o, 194, 159));
        Assert.Equal(p.Wall, Pixel(o, 209, 3));
        // Agent paddle shown at ram51 = 109: rows 96..111, columns 140..143.
        Assert.Equal(p.AgentPaddle, Pixel(o, 96, 140));
        Assert.Equal(p.AgentPaddle, Pixel(o, 111, 143));
        Assert.Equal(p.Background, Pixel(o, 95, 140));
        Assert.Equal(p.Background, Pixel(o, 112, 140));
        // Score 0-0: a zero in each ones cell, nothing in the tens cells.
        Assert.Equal(p.CpuDigits, Pixel(o, 1, 36));
        Assert.Equal(p.AgentDigits, Pixel(o, 1, 116));
        Assert.Equal(p.Background, Pixel(o, 10, 40)); // the hole of the 0
        Assert.Equal(p.Background, Pixel(o, 1, 24));
        // The ball: 2x4 in the wall colour at (x - 49, y - 14).
        PongGame g = env.Game;
        Assert.True(g.BallInPlay);
        Assert.Equal(p.Ball, Pixel(o, g.BallY - 14, g.BallX - 49));
        Assert.Equal(p.Ball, Pixel(o, g.BallY - 11, g.BallX - 48));
        Assert.Equal(p.Background, Pixel(o, g.BallY - 15, g.BallX - 49));
        // The CPU paddle: rows cpu-15..cpu, columns 16..19.
        Assert.Equal(p.CpuPaddle, Pixel(o, g.CpuPaddle, 16));
        Assert.Equal(p.CpuPaddle, Pixel(o, g.CpuPaddle - 15, 19));
    }

    [Fact]
    public void TheFirstTwoFramesUseTheAttractPalette()
    {
        var env = new PongEnv();
        var (reset, _) = env.Reset();
        Assert.Equal(PongPalette.Attract.Background, Pixel(reset, 100, 80));
        Assert.Equal(PongPalette.Attract.AgentPaddle, Pixel(reset, 100, 141));
        Assert.Equal(PongPalette.Attract.Background, Pixel(env.Step(0).Observation, 100, 80));
        Assert.Equal(PongPalette.Normal.Background, Pixel(env.Step(0).Observation, 100, 80));
    }

    [Fact]
    public void ScoreDigitsShowTensFromTen()
    {
        var env = new PongEnv();
        env.Reset();
        env.Step(0);
        env.Step(0);
        env.Game.CpuScore = 11;
        env.Game.AgentScore = 7;
        Observation o = env.Step(0).Observation;
        Assert.Equal(PongPalette.Normal.CpuDigits, Pixel(o, 5, 24)); // "1" bar at x 24-27 in the tens cell
        Assert.Equal(PongPalette.Normal.Background, Pixel(o, 5, 20));
        Assert.Equal(PongPalette.Normal.CpuDigits, Pixel(o, 5, 40));
        Assert.Equal(PongPalette.Normal.Background, Pixel(o, 5, 104)); // no tens for the agent's 7
    }

    [Fact]
    public void IncrementalDrawingMatchesAFullRedrawUnderRandomPlay()
    {
        var env = new PongEnv();
        env.Reset();
        var rng = new Random(7);
        var full = new byte[PongLayout.ScreenBytes];
        for (int t = 0; t < 2500; t++)
        {
            // Skip drawing some frames, as frame skipping does, to exercise catching up.
            bool observe = rng.Next(3) != 0;
            StepResult r = env.Step(rng.Next(6), observe);
            if (!observe)
            {
                continue;
            }

            PongScreen.DrawFull(env.Game, full);
            Assert.True(r.Observation.ByteSpan.SequenceEqual(full), $"frame {t + 1} differs from a full redraw");
            if (r.Done)
            {
                env.Reset();
            }
        }
    }

    [Fact]
    public void RenderReturnsACopyOfTheScreen()
    {
        var env = new PongEnv();
        var (o, _) = env.Reset();
        byte[] frame = env.Render();
        Assert.Equal(210 * 160 * 3, frame.Length);
        Assert.NotSame(o.Bytes, frame);
        Assert.True(o.ByteSpan.SequenceEqual(frame));
    }
}
