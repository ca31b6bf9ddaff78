namespace SamRl.Envs.Pong;

/// <summary>
/// The rules of Atari 2600 Pong (Video Olympics game 1), one emulator frame per <see cref="Advance"/>,
/// re-implemented from the measured mechanics in pong-facts.md sections 2-3. Positions are kept in the
/// game's own RAM units (ball x = ram49, ball y = ram54, paddles = ram50/ram51/ram60) because every
/// measured rule is stated in them. The game has no randomness.
/// </summary>
public sealed class PongGame
{
    public const int WinningScore = 21;

    /// <summary>Knob (potentiometer) value ALE gives player A at reset, its clamp range and its change per frame of LEFT/RIGHT.</summary>
    public const int KnobStart = 408823;
    public const int KnobMin = 27450;
    public const int KnobMax = 790196;
    public const int KnobStep = 23000;

    public const int FrameCounterAtReset = 71;
    public const int AgentPaddleAtReset = 109;
    public const int CpuPaddleAtReset = 22;
    public const int FirstServeFrame = 59;
    public const int ServeDelay = 63;
    public const int ServePosition = 128;
    public const int MaxSpeed = 4;

    // Ball x at which a point is scored, checked before the ball moves.
    private const int CpuScoresAtX = 205;
    private const int AgentScoresAtX = 52;

    // Wall bounce thresholds on ball y.
    private const int TopBounceY = 45;
    private const int BottomBounceY = 206;

    // Collision of the previous rendered frame: the hardware latches it and the game reacts one frame later.
    private bool agentHitLatched;
    private bool cpuHitLatched;
    private int agentHitOffset;
    private int cpuHitOffset;
    private bool fireAtHit;

    public PongGame() => Reset();

    /// <summary>Player A's paddle knob, ALE's resistance value.</summary>
    public int Knob { get; internal set; }

    /// <summary>Agent paddle working value (ram60), smoothed towards the pot reading every second frame.</summary>
    public int AgentPaddle { get; internal set; }

    /// <summary>Agent paddle as drawn and colliding (ram51): ram60 of the previous frame.</summary>
    public int AgentPaddleShown { get; internal set; }

    /// <summary>CPU paddle (ram50): its bottom row on screen; always even.</summary>
    public int CpuPaddle { get; internal set; }

    /// <summary>Ball x in RAM units (ram49); screen column = x - 49.</summary>
    public int BallX { get; internal set; }

    /// <summary>Ball y in RAM units (ram54); 0 while the ball is not in play.</summary>
    public int BallY { get; internal set; }

    /// <summary>Horizontal velocity, + towards the agent (right).</summary>
    public int BallDx { get; internal set; }

    /// <summary>Vertical velocity, + down.</summary>
    public int BallDy { get; internal set; }

    /// <summary>Ball speed |dx| in 1..4; reset to 1 at each serve, raised by the agent's FIRE smashes.</summary>
    public int Speed { get; internal set; }

    /// <summary>The game's frame counter (ram8), 71 at reset.</summary>
    public int FrameCounter { get; internal set; }

    /// <summary>Frames until the next serve while the ball is not in play.</summary>
    public int ServeTimer { get; internal set; }

    /// <summary>The next serve goes towards the agent (the agent lost the last point).</summary>
    public bool ServeTowardAgent { get; internal set; }

    public int CpuScore { get; internal set; }

    public int AgentScore { get; internal set; }

    /// <summary>Frames since reset (t in pong-facts.md).</summary>
    public long EpisodeFrame { get; internal set; }

    /// <summary>Paddle hits so far (both sides), for statistics.</summary>
    public int Hits { get; internal set; }

    public bool BallInPlay => BallY != 0;

    public bool GameOver => CpuScore >= WinningScore || AgentScore >= WinningScore;

    public void Reset()
    {
        Knob = KnobStart;
        AgentPaddle = AgentPaddleAtReset;
        AgentPaddleShown = AgentPaddleAtReset;
        CpuPaddle = CpuPaddleAtReset;
        BallX = 0;
        BallY = 0;
        BallDx = 0;
        BallDy = 0;
        Speed = 1;
        FrameCounter = FrameCounterAtReset;
        ServeTimer = FirstServeFrame;
        ServeTowardAgent = false;
        CpuScore = 0;
        AgentScore = 0;
        EpisodeFrame = 0;
        Hits = 0;
        agentHitLatched = cpuHitLatched = fireAtHit = false;
        agentHitOffset = cpuHitOffset = 0;
    }

    /// <summary>Runs one frame with the given action and returns the reward (+1 agent point, -1 CPU point, else 0).</summary>
    public int Advance(PongAction action)
    {
        bool fire = action is PongAction.Fire or PongAction.RightFire or PongAction.LeftFire;

        // 1. The knob: RIGHT turns it one way (paddle up), LEFT the other (paddle down).
        if (action is PongAction.Left or PongAction.LeftFire)
        {
            Knob = Math.Min(Knob + KnobStep, KnobMax);
        }
        else if (action is PongAction.Right or PongAction.RightFire)
        {
            Knob = Math.Max(Knob - KnobStep, KnobMin);
        }

        // 2. The paddle is drawn one frame late, and the pot is read only on frames where the counter becomes even.
        AgentPaddleShown = AgentPaddle;
        if (((FrameCounter + 1) & 1) == 0)
        {
            AgentPaddle = (AgentPaddle + PotReading(Knob)) >> 1;
        }

        // 3. The ball.
        int reward = 0;
        if (BallInPlay)
        {
            if (BallX >= CpuScoresAtX)
            {
                reward = -1;
                CpuScore++;
                EndRally(serveTowardAgent: true);
            }
            else if (BallX <= AgentScoresAtX)
            {
                reward = 1;
                AgentScore++;
                EndRally(serveTowardAgent: false);
            }
            else
            {
                ApplyLatchedHit();
                MoveBall();
            }
        }
        else if (--ServeTimer <= 0)
        {
            Serve();
        }

        // 4. The CPU paddle chases the ball's new y at 2 px a frame, resting one frame in eight.
        if ((FrameCounter & 7) != 0)
        {
            CpuPaddle += 2 * Math.Sign(BallY - CpuPaddle);
        }

        FrameCounter = (FrameCounter + 1) & 255;
        EpisodeFrame++;

        // 5. What this frame draws decides the next frame's bounce (hardware collision latch).
        LatchCollisions(fire);
        return reward;
    }

    /// <summary>
    /// The pot value the game reads for knob value r: a fit to all 85 measured points (pong-facts.md 2.1).
    /// The double arithmetic is kept in the fitted form so rounding matches the measurement.
    /// </summary>
    public static int PotReading(int r)
    {
        int counts = (int)Math.Floor(1.6e-8 * r * 1.19e6);
        int v = (((counts + 58) / 76) + 7) & ~1;
        return Math.Clamp(v, 38, 204);
    }

    /// <summary>dy after a paddle hit, from the ball's offset below the paddle's reference row (4-row zones).</summary>
    public static int BounceDy(int offset) => ((offset - 1) >> 2) - 1;

    /// <summary>Top screen row of the ball as drawn (before clipping).</summary>
    public int BallTopRow()
    {
        int column = BallX - PongLayout.BallXOffset;
        int row = BallY - PongLayout.BallYOffset;
        return column >= PongLayout.BallOddRowShiftFromColumn && (BallY & 1) == 1 ? row - 1 : row;
    }

    /// <summary>Top screen row of the agent paddle as drawn (before clipping): even rows only.</summary>
    public int AgentPaddleTopRow() => (AgentPaddleShown - 13) & ~1;

    /// <summary>Top screen row of the CPU paddle as drawn (before clipping).</summary>
    public int CpuPaddleTopRow() => CpuPaddle - (PongLayout.PaddleHeight - 1);

    private void EndRally(bool serveTowardAgent)
    {
        BallY = 0;
        ServeTimer = ServeDelay;
        ServeTowardAgent = serveTowardAgent;
        agentHitLatched = cpuHitLatched = false;
    }

    private void Serve()
    {
        BallX = ServePosition;
        BallY = ServePosition;
        Speed = 1;
        BallDx = ServeTowardAgent ? 1 : -1;
        // The serve keeps the vertical direction of the last rally; a fresh game serves downwards.
        BallDy = BallDy < 0 ? -1 : 1;
        CpuPaddle = ServePosition;
        MoveBall();
    }

    private void ApplyLatchedHit()
    {
        if (agentHitLatched && BallDx > 0)
        {
            // Only the agent can smash: FIRE held in the frame of the hit speeds the ball up.
            if (fireAtHit)
            {
                Speed = Math.Min(Speed + 1, MaxSpeed);
            }

            BallDx = -Speed;
            BallDy = BounceDy(agentHitOffset);
            Hits++;
        }
        else if (cpuHitLatched && BallDx < 0)
        {
            BallDx = Speed;
            BallDy = BounceDy(cpuHitOffset);
            Hits++;
        }

        agentHitLatched = cpuHitLatched = false;
    }

    private void MoveBall()
    {
        BallX += BallDx;
        if (BallY <= TopBounceY)
        {
            BallDy = -BallDy;
            BallY += BallDy + 1;
        }
        else if (BallY >= BottomBounceY)
        {
            BallDy = -BallDy;
            BallY += BallDy - 1;
        }
        else
        {
            BallY += BallDy;
        }
    }

    private void LatchCollisions(bool fire)
    {
        agentHitLatched = cpuHitLatched = false;
        if (!BallInPlay)
        {
            return;
        }

        int ballLeft = BallX - PongLayout.BallXOffset;
        int ballTop = BallTopRow();
        if (BallDx > 0 && Overlaps(ballLeft, ballTop, PongLayout.AgentPaddleLeft, AgentPaddleTopRow()))
        {
            agentHitLatched = true;
            agentHitOffset = BallY - AgentPaddleShown;
            fireAtHit = fire;
        }
        else if (BallDx < 0 && Overlaps(ballLeft, ballTop, PongLayout.CpuPaddleLeft, CpuPaddleTopRow()))
        {
            cpuHitLatched = true;
            cpuHitOffset = BallY - CpuPaddle;
        }
    }

    // Pixel overlap of the ball and a paddle as the screen shows them: both are solid rectangles,
    // and neither is drawn (so neither collides) outside the playfield rows.
    private static bool Overlaps(int ballLeft, int ballTop, int paddleLeft, int paddleTop)
    {
        if (ballLeft + PongLayout.BallWidth <= paddleLeft || ballLeft >= paddleLeft + PongLayout.PaddleWidth)
        {
            return false;
        }

        int top = Math.Max(Math.Max(ballTop, paddleTop), PongLayout.PlayfieldFirstRow);
        int bottom = Math.Min(Math.Min(ballTop + PongLayout.BallHeight, paddleTop + PongLayout.PaddleHeight) - 1, PongLayout.PlayfieldLastRow);
        return top <= bottom;
    }
}
