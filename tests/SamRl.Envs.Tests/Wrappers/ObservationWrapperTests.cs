using SamRl.Envs.Pong;
using SamRl.Envs.Wrappers;

namespace SamRl.Envs.Tests.Wrappers;

public class ObservationWrapperTests
{
    [Fact]
    public void AuthorsWarpCropsThePlayfieldAveragesRgbAndHalves()
    {
        // A 210x160 RGB frame: rows < 34 and >= 194 white (must be cropped away), inside a gradient by row.
        var fake = new FakeEnv(210, 160, 3);
        var env = new WarpFrame(fake, WarpFrameOptions.Authors80);
        Assert.Equal([1, 80, 80], env.ObservationSpace.Shape);
        var (o, _) = env.Reset();
        Assert.Equal(DType.Float32, o.DType);
        Assert.Equal([1, 80, 80], o.Shape);
        Assert.All(o.FloatSpan.ToArray(), v => Assert.Equal(fake.Pixel(0) / 255f, v, 5));

        var custom = new FakeEnv(210, 160, 3);
        var raw = new byte[210 * 160 * 3];
        for (int row = 0; row < 210; row++)
        {
            for (int col = 0; col < 160; col++)
            {
                int i = ((row * 160) + col) * 3;
                bool inside = row is >= 34 and < 194;
                raw[i] = inside ? (byte)(row - 34) : (byte)255; // R
                raw[i + 1] = inside ? (byte)col : (byte)255; // G
                raw[i + 2] = inside ? (byte)0 : (byte)255; // B
            }
        }

        var warp = new WarpFrame(new ArrayEnv(raw, [210, 160, 3]), WarpFrameOptions.Authors80);
        float[] x = warp.Reset().Observation.FloatSpan.ToArray();
        for (int i = 0; i < 80; i += 7)
        {
            for (int j = 0; j < 80; j += 9)
            {
                // 2x2 mean of (R + G + B) / 3 over rows 2i, 2i+1 (R = row) and columns 2j, 2j+1 (G = col).
                float expected = (((2 * i) + 0.5f) + ((2 * j) + 0.5f)) / 3f / 255f;
                Assert.Equal(expected, x[(i * 80) + j], 5);
            }
        }
    }

    [Fact]
    public void Sb3WarpIsLuminanceAreaResizedTo84()
    {
        var fake = new FakeEnv(210, 160, 3) { Pixel = _ => 100 };
        var env = new WarpFrame(fake, WarpFrameOptions.Sb3Warp84);
        var (o, _) = env.Reset();
        Assert.Equal([1, 84, 84], o.Shape);
        Assert.All(o.FloatSpan.ToArray(), v => Assert.Equal(100 * (0.299f + 0.587f + 0.114f) / 255f, v, 4));
    }

    [Fact]
    public void AreaResizeAveragesBoxes()
    {
        var raw = new byte[8 * 8];
        for (int i = 0; i < raw.Length; i++)
        {
            raw[i] = (byte)((i / 8) < 4 ? 0 : 200);
        }

        var env = new WarpFrame(new ArrayEnv(raw, [8, 8]), new WarpFrameOptions { Height = 2, Width = 2, Interpolation = Interpolation.Area, Scale = 1 });
        Assert.Equal([0f, 0f, 200f, 200f], env.Reset().Observation.FloatSpan.ToArray());
    }

    [Fact]
    public void WarpOnPongShowsThePaddleAndNotTheScore()
    {
        var env = new WarpFrame(new PongEnv());
        var (o, _) = env.Reset();
        float[] x = o.FloatSpan.ToArray();
        // Green paddle rows 96..111 -> output rows 31..38, columns 140..143 -> 70..71; background elsewhere.
        float background = (109 + 118 + 43) / 3f / 255f; // the reset frame uses the attract palette
        Assert.NotEqual(background, x[(35 * 80) + 70], 4);
        Assert.Equal(background, x[(35 * 80) + 40], 4);
        Assert.Equal(background, x[0], 4); // the crop starts below the score and the wall
    }

    [Fact]
    public void NormalizeFollowsTheAuthorsRunningStatistics()
    {
        var raw = new byte[] { 0, 255, 0, 255 };
        var warp = new WarpFrame(new ArrayEnv(raw, [2, 2]), new WarpFrameOptions { Height = 2, Width = 2 });
        var env = new NormalizeObservation(warp);
        var (o, _) = env.Reset();
        // One observation: bias-corrected mean 0.5 and std 0.5, so values become -1 and +1.
        Assert.Equal([-1f, 1f, -1f, 1f], o.FloatSpan.ToArray().Select(v => MathF.Round(v, 4)));
        Assert.Equal(0.5, env.Mean, 6);
        Assert.Equal(0.5, env.Std, 6);
        env.Step(0);
        Assert.Equal(2, env.Count);
        Assert.Equal(0.5, env.Mean, 6);
    }

    [Fact]
    public void FrameStackKeepsTheLastKFramesOldestFirst()
    {
        var fake = new FakeEnv(2, 2, 1);
        var env = new FrameStack(fake, 3);
        Assert.Equal([3, 2, 2, 1], env.ObservationSpace.Shape); // [H, W, 1] gets a new axis; [1, H, W] stacks along channels (below)
        var (o, _) = env.Reset();
        Assert.Equal([0, 0, 0], Firsts(o, 3));
        Assert.Equal([0, 0, 10], Firsts(env.Step(0).Observation, 3));
        Assert.Equal([0, 10, 20], Firsts(env.Step(0).Observation, 3));
        Assert.Equal([10, 20, 30], Firsts(env.Step(0).Observation, 3));

        var warped = new FrameStack(new WarpFrame(new PongEnv()), 4);
        Assert.Equal([4, 80, 80], warped.ObservationSpace.Shape);
        Assert.Equal([4, 80, 80], warped.Reset().Observation.Shape);
    }

    private static int[] Firsts(Observation o, int k)
    {
        int per = o.Length / k;
        return Enumerable.Range(0, k).Select(i => (int)o.ByteSpan[i * per]).ToArray();
    }
}
