namespace SamRl.Envs.Pong;

/// <summary>Screen geometry of Atari Pong as measured (pong-facts.md section 1).</summary>
public static class PongLayout
{
    public const int Height = 210;
    public const int Width = 160;
    public const int Channels = 3;
    public const int ScreenBytes = Height * Width * Channels;

    public const int TopWallFirstRow = 24;
    public const int TopWallLastRow = 33;
    public const int BottomWallFirstRow = 194;
    public const int BottomWallLastRow = 209;

    /// <summary>Ball and paddles are only drawn (and only collide) inside these rows.</summary>
    public const int PlayfieldFirstRow = 34;
    public const int PlayfieldLastRow = 193;

    public const int CpuPaddleLeft = 16;
    public const int AgentPaddleLeft = 140;
    public const int PaddleWidth = 4;
    public const int PaddleHeight = 16;

    public const int BallWidth = 2;
    public const int BallHeight = 4;

    /// <summary>Screen column = RAM ball x - 49; screen row = RAM ball y - 14.</summary>
    public const int BallXOffset = 49;
    public const int BallYOffset = 14;

    /// <summary>
    /// First column that a kernel write of the ball's enable reaches on the line it is made, for a ball at an odd
    /// RAM y, on a line where the paddle sampled this frame has already charged (the fast path; see
    /// <see cref="PongGame.BallSprite"/>). pong-facts.md section 1: "when x0 &gt;= ~127 and ram54 is odd, the ball is
    /// drawn 1 row higher".
    /// </summary>
    public const int BallOddRowWriteColumn = 127;

    /// <summary>The same for a ball at an even RAM y: issue 20 saw even-y balls shift "sometimes at columns &gt;= 149".</summary>
    public const int BallEvenRowWriteColumn = 149;

    /// <summary>
    /// How much later both writes land on a line where the sampled paddle has not charged yet: the kernel's pot
    /// check (LDA INPT,Y / BMI / STX) takes 2 CPU cycles more before the charge (branch not taken plus the store of
    /// the line counter) than after it; 2 cycles are 6 colour clocks, i.e. 6 pixels.
    /// </summary>
    public const int BallWriteDelayBeforeCharge = 6;

    public const int DigitFirstRow = 1;
    public const int DigitHeight = 20;
    public const int DigitWidth = 12;
    public const int CpuTensColumn = 20;
    public const int CpuOnesColumn = 36;
    public const int AgentTensColumn = 100;
    public const int AgentOnesColumn = 116;

    /// <summary>Row 0, columns 0-7 are black in every frame (the HMOVE blank of the real hardware).</summary>
    public const int HmoveBlankWidth = 8;
}
