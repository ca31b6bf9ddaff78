namespace SamRl.Envs.Pong;

/// <summary>
/// The ball as one frame draws it, before clipping to the playfield: its left column and, for each of its two
/// pixel columns, the first and last row (inclusive). The columns can differ by a row where a kernel write lands
/// between them (see <see cref="PongGame.BallSprite"/>), which is how the real game shows 5-row and 3-row balls.
/// </summary>
public readonly record struct PongBallSprite(bool Visible, int Left, int LeftTop, int LeftBottom, int RightTop, int RightBottom)
{
    public int Top(int column) => column == Left ? LeftTop : RightTop;

    public int Bottom(int column) => column == Left ? LeftBottom : RightBottom;
}
