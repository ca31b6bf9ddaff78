using SamRl.Envs.Pong;

namespace SamRl.Envs.Tests.Pong;

/// <summary>Constructed Pong situations and screen reads shared by the Pong rule and screen tests.</summary>
internal static class PongTestSetup
{
    /// <summary>The RGB pixel at (row, column) of a 210×160 screen observation.</summary>
    public static Rgb Pixel(Observation o, int row, int column)
    {
        int i = ((row * 160) + column) * 3;
        return new Rgb(o.Bytes[i], o.Bytes[i + 1], o.Bytes[i + 2]);
    }

    /// <summary>Puts the ball in play at (x, y) moving (dx, dy), its speed |dx|.</summary>
    public static void PlaceBall(PongGame g, int x, int y, int dx, int dy)
    {
        g.BallX = x;
        g.BallY = y;
        g.BallDx = dx;
        g.BallDy = dy;
        g.Speed = Math.Abs(dx);
    }
}
