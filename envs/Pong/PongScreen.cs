namespace SamRl.Envs.Pong;

/// <summary>
/// Draws a <see cref="PongGame"/> into one reusable 210x160x3 RGB buffer. Only what changed is redrawn
/// (the previous ball and paddle rectangles are erased to background, digits only when a score changes,
/// everything when the palette changes), so a frame costs a few hundred bytes of writes, not 100 KB.
/// </summary>
public sealed class PongScreen
{
    private readonly byte[] pixels = new byte[PongLayout.ScreenBytes];
    private PongPalette? drawnPalette;
    private Rect ballLeft;
    private Rect ballRight;
    private Rect cpuPaddle;
    private Rect agentPaddle;
    private int drawnCpuScore = -1;
    private int drawnAgentScore = -1;

    /// <summary>The RGB bytes, row-major (row, column, channel). Rewritten in place by every <see cref="Draw"/>.</summary>
    public byte[] Pixels => pixels;

    /// <summary>The real game shows attract-mode colours on the reset frame and the one after it.</summary>
    public static PongPalette PaletteFor(long episodeFrame) => episodeFrame < 2 ? PongPalette.Attract : PongPalette.Normal;

    /// <summary>Forces a full redraw on the next <see cref="Draw"/>.</summary>
    public void Invalidate() => drawnPalette = null;

    public void Draw(PongGame game)
    {
        PongPalette palette = PaletteFor(game.EpisodeFrame);
        if (!ReferenceEquals(palette, drawnPalette))
        {
            DrawBackground(palette);
            drawnPalette = palette;
            ballLeft = ballRight = cpuPaddle = agentPaddle = default;
            drawnCpuScore = drawnAgentScore = -1;
        }
        else
        {
            Fill(ballLeft, palette.Background);
            Fill(ballRight, palette.Background);
            Fill(cpuPaddle, palette.Background);
            Fill(agentPaddle, palette.Background);
        }

        if (game.CpuScore != drawnCpuScore)
        {
            DrawScore(game.CpuScore, PongLayout.CpuTensColumn, PongLayout.CpuOnesColumn, palette.CpuDigits, palette.Background);
            drawnCpuScore = game.CpuScore;
        }

        if (game.AgentScore != drawnAgentScore)
        {
            DrawScore(game.AgentScore, PongLayout.AgentTensColumn, PongLayout.AgentOnesColumn, palette.AgentDigits, palette.Background);
            drawnAgentScore = game.AgentScore;
        }

        cpuPaddle = Rect.InPlayfield(PongLayout.CpuPaddleLeft, game.CpuPaddleTopRow(), PongLayout.PaddleWidth, PongLayout.PaddleHeight);
        agentPaddle = Rect.InPlayfield(PongLayout.AgentPaddleLeft, game.AgentPaddleTopRow(), PongLayout.PaddleWidth, PongLayout.PaddleHeight);
        Fill(cpuPaddle, palette.CpuPaddle);
        Fill(agentPaddle, palette.AgentPaddle);

        // Rule BallOverPaddles (issue 20, fact 1): the real game keeps the ball visible at columns 16-19 and 140-143
        // when it is under a paddle (presumably CTRLPF's playfield/ball-over-players priority bit), so it is drawn last.
        // Each of its two columns has its own rows (rule BallRowsFromKernelTiming).
        PongBallSprite sprite = game.BallSprite();
        if (!sprite.Visible)
        {
            ballLeft = ballRight = default;
        }
        else if (sprite.LeftTop == sprite.RightTop && sprite.LeftBottom == sprite.RightBottom)
        {
            // The usual case: both columns on the same rows, one rectangle.
            ballLeft = Rect.InPlayfield(sprite.Left, sprite.LeftTop, PongLayout.BallWidth, sprite.LeftBottom - sprite.LeftTop + 1);
            ballRight = default;
        }
        else
        {
            ballLeft = Rect.InPlayfield(sprite.Left, sprite.LeftTop, 1, sprite.LeftBottom - sprite.LeftTop + 1);
            ballRight = Rect.InPlayfield(sprite.Left + 1, sprite.RightTop, 1, sprite.RightBottom - sprite.RightTop + 1);
        }

        Fill(ballLeft, palette.Ball);
        Fill(ballRight, palette.Ball);
    }

    /// <summary>Draws the whole frame from scratch into <paramref name="destination"/>; the reference the incremental path is tested against.</summary>
    public static void DrawFull(PongGame game, byte[] destination)
    {
        var screen = new PongScreen();
        screen.Draw(game);
        screen.pixels.CopyTo(destination, 0);
    }

    private void DrawBackground(PongPalette palette)
    {
        Fill(new Rect(0, 0, PongLayout.Width, PongLayout.Height), palette.Background);
        Fill(new Rect(0, PongLayout.TopWallFirstRow, PongLayout.Width, PongLayout.TopWallLastRow - PongLayout.TopWallFirstRow + 1), palette.Wall);
        Fill(new Rect(0, PongLayout.BottomWallFirstRow, PongLayout.Width, PongLayout.BottomWallLastRow - PongLayout.BottomWallFirstRow + 1), palette.Wall);
        Fill(new Rect(0, 0, PongLayout.HmoveBlankWidth, 1), PongPalette.Black);
    }

    private void DrawScore(int score, int tensColumn, int onesColumn, Rgb ink, Rgb background)
    {
        // Scores below 10 show no leading zero.
        DrawDigit(score >= 10 ? (score / 10) % 10 : -1, tensColumn, ink, background);
        DrawDigit(score % 10, onesColumn, ink, background);
    }

    private void DrawDigit(int digit, int left, Rgb ink, Rgb background)
    {
        for (int row = 0; row < PongLayout.DigitHeight; row++)
        {
            int offset = (((PongLayout.DigitFirstRow + row) * PongLayout.Width) + left) * PongLayout.Channels;
            for (int column = 0; column < PongLayout.DigitWidth; column++, offset += PongLayout.Channels)
            {
                Rgb c = digit >= 0 && PongDigits.IsLit(digit, row, column) ? ink : background;
                pixels[offset] = c.R;
                pixels[offset + 1] = c.G;
                pixels[offset + 2] = c.B;
            }
        }
    }

    private void Fill(Rect r, Rgb c)
    {
        for (int row = r.Top; row < r.Top + r.Height; row++)
        {
            int offset = ((row * PongLayout.Width) + r.Left) * PongLayout.Channels;
            for (int column = 0; column < r.Width; column++, offset += PongLayout.Channels)
            {
                pixels[offset] = c.R;
                pixels[offset + 1] = c.G;
                pixels[offset + 2] = c.B;
            }
        }
    }

    private readonly record struct Rect(int Left, int Top, int Width, int Height)
    {
        /// <summary>The part of the rectangle inside the playfield rows and the screen columns (empty if none).</summary>
        public static Rect InPlayfield(int left, int top, int width, int height)
        {
            int l = Math.Max(left, 0), r = Math.Min(left + width, PongLayout.Width);
            int t = Math.Max(top, PongLayout.PlayfieldFirstRow), b = Math.Min(top + height, PongLayout.PlayfieldLastRow + 1);
            return l < r && t < b ? new Rect(l, t, r - l, b - t) : default;
        }
    }
}
