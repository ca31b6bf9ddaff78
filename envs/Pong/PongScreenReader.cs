namespace SamRl.Envs.Pong;

/// <summary>
/// Reads ball and paddle positions from a 210x160 RGB Pong screen, the built-in one or the real game's from ALE,
/// using only the colours and places of pong-facts.md section 1: the ball is the wall colour (236,236,236) inside
/// the playfield rows 34-193, the CPU paddle orange (213,130,74) in columns 16-19, the agent paddle green
/// (92,186,92) in columns 140-143. Screens in the attract palette (t = 0, 1) show nothing it reads.
/// </summary>
public static class PongScreenReader
{
    private static readonly Rgb BallColour = PongPalette.Normal.Ball;
    private static readonly Rgb CpuColour = PongPalette.Normal.CpuPaddle;
    private static readonly Rgb AgentColour = PongPalette.Normal.AgentPaddle;

    public static PongScreenPositions Read(ReadOnlySpan<byte> rgb)
    {
        if (rgb.Length < PongLayout.ScreenBytes)
        {
            throw new ArgumentException($"a Pong screen is {PongLayout.Height}x{PongLayout.Width}x{PongLayout.Channels} = {PongLayout.ScreenBytes} bytes, got {rgb.Length}");
        }

        int? ballX = null, ballY = null;
        for (int row = PongLayout.PlayfieldFirstRow; row <= PongLayout.PlayfieldLastRow; row++)
        {
            int offset = row * PongLayout.Width * PongLayout.Channels;
            for (int column = 0; column < PongLayout.Width; column++, offset += PongLayout.Channels)
            {
                if (Is(rgb, offset, BallColour))
                {
                    ballY ??= row;
                    ballX = ballX is null ? column : Math.Min(ballX.Value, column);
                }
            }
        }

        return new PongScreenPositions(
            ballX,
            ballY,
            PaddleTop(rgb, PongLayout.CpuPaddleLeft, CpuColour),
            PaddleTop(rgb, PongLayout.AgentPaddleLeft, AgentColour));
    }

    // The paddle's visible rows over its four columns (the ball may cover two of them); clipped by the top wall,
    // only its bottom row tells where it is.
    private static int? PaddleTop(ReadOnlySpan<byte> rgb, int left, Rgb colour)
    {
        int first = -1, last = -1;
        for (int row = PongLayout.PlayfieldFirstRow; row <= PongLayout.PlayfieldLastRow; row++)
        {
            int offset = ((row * PongLayout.Width) + left) * PongLayout.Channels;
            for (int column = 0; column < PongLayout.PaddleWidth; column++, offset += PongLayout.Channels)
            {
                if (Is(rgb, offset, colour))
                {
                    first = first < 0 ? row : first;
                    last = row;
                    break;
                }
            }
        }

        if (first < 0)
        {
            return null;
        }

        bool clippedAtTop = first == PongLayout.PlayfieldFirstRow && last - first + 1 < PongLayout.PaddleHeight;
        return clippedAtTop ? last - (PongLayout.PaddleHeight - 1) : first;
    }

    private static bool Is(ReadOnlySpan<byte> rgb, int offset, Rgb c) =>
        rgb[offset] == c.R && rgb[offset + 1] == c.G && rgb[offset + 2] == c.B;
}
