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

    // Rule ScoringFrameShowsTheBall: the ball's last y, kept for the one frame on which a point is scored.
    private int pointFrameBallY;

    // Rule KernelPotTiming: the first screen row whose pot check finds the sampled paddle charged, this frame.
    private int kernelChargeRow;

    // The second left-port paddle, which ALE leaves at its reset value, always charges on the same row.
    private static readonly int ResetChargeRow = PotChargeRow(KnobStart);

    // The knob rarely changes between reads, so its charge row is kept with the knob value it came from.
    private int chargeRowKnob = -1;
    private int chargeRowOfKnob;

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

    /// <summary>The ball is on screen: in play, or on the frame a point is scored (where it still shows at its last position).</summary>
    public bool BallVisible => BallY != 0 || pointFrameBallY != 0;

    /// <summary>The ball y the screen and the CPU use this frame: <see cref="BallY"/>, or its last value on a scoring frame.</summary>
    public int ShownBallY => BallY != 0 ? BallY : pointFrameBallY;

    /// <summary>
    /// The first screen row on which this frame's kernel finds the paddle it samples charged (rows above it take the
    /// slow path of the pot check). Derived in <see cref="Advance"/>; a test may set it to construct a frame.
    /// </summary>
    public int KernelChargeRow
    {
        get => kernelChargeRow;
        internal set => kernelChargeRow = value;
    }

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
        pointFrameBallY = 0;
        kernelChargeRow = PotChargeRow(KnobStart);
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
        bool agentPotFrame = ((FrameCounter + 1) & 1) == 0;
        if (agentPotFrame)
        {
            AgentPaddle = (AgentPaddle + PotReading(Knob)) >> 1;
        }

        // Rule KernelPotTiming. The kernel samples one pot per frame, chosen by frame parity (LDY $80; LDA INPT0,Y):
        // the agent's on the frames above, on the others the second paddle of the left port, which ALE never turns
        // from its reset value (the same 408823 as the agent's knob at reset). Where that pot charges decides
        // the timing of the ball's writes on each line (see BallSprite).
        kernelChargeRow = agentPotFrame ? AgentChargeRow() : ResetChargeRow;
        pointFrameBallY = 0;

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

        // 4. The CPU paddle chases the ball's new y at 2 px a frame, resting one frame in eight. On a scoring
        // frame it still chases the ball's last y (rule ScoringFrameShowsTheBall).
        if ((FrameCounter & 7) != 0)
        {
            CpuPaddle += 2 * Math.Sign(ShownBallY - CpuPaddle);
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

    /// <summary>CPU cycles after the dump transistor is released until the pot of knob value r reads charged (ALE's paddle model).</summary>
    public static int PotCounts(int r) => (int)Math.Floor(1.6e-8 * r * 1.19e6);

    /// <summary>
    /// The first screen row whose pot check sees the pot of knob r charged. The fitted reading
    /// V = ((counts + 58) div 76 + 7) &amp; ~1 counts 76-cycle lines from the top of the kernel (screen row 0, where
    /// the dump is released), so (counts + 58) div 76 is the first line that finds the charge; V is that line plus
    /// the kernel's offset of 7, rounded to its 2-line grid. The paddle is drawn around that line (centred knob:
    /// row 103, paddle rows 96-111), which is what the line counter is for.
    /// </summary>
    public static int PotChargeRow(int r) => (PotCounts(r) + 58) / 76;

    private int AgentChargeRow()
    {
        if (Knob != chargeRowKnob)
        {
            chargeRowKnob = Knob;
            chargeRowOfKnob = PotChargeRow(Knob);
        }

        return chargeRowOfKnob;
    }

    /// <summary>dy after a paddle hit, from the ball's offset below the paddle's reference row (4-row zones).</summary>
    public static int BounceDy(int offset) => ((offset - 1) >> 2) - 1;

    /// <summary>
    /// Rule BallRowsFromKernelTiming: where this frame draws the ball. The ball's RAM y maps to rows y-14..y-11, but
    /// the kernel turns the ball on and off with writes made during a scan line, and a write reaches the pixels
    /// right of the beam on that same line: a column at or right of the write lands one row higher at that edge.
    /// The write that starts (and the one that ends) a ball on an odd y is made on the even line before it, at
    /// column 127; for an even y on the odd line before it, at column 149 (pong-facts.md: odd y shifts from
    /// ~127; issue 20: even y "sometimes" from 149, and both parities shift at the right edge, x0 &gt;= 156).
    /// The "sometimes" and "the same column and y on different rows on different frames" are the pot check the
    /// kernel makes on every line before those writes: until the sampled paddle's capacitor has charged it costs
    /// 2 CPU cycles more, so on rows above <see cref="KernelChargeRow"/> both writes land 6 pixels later
    /// (133 and 155). Each edge is judged on the line its write is made, so a ball straddling the charge row
    /// can come out 3 or 5 rows tall, and one straddling a write column has columns one row apart — the 3- and
    /// 5-row balls pong-facts.md reports at x0 126-130. Collisions use these rows (rule 4 of issue 20).
    /// </summary>
    public PongBallSprite BallSprite()
    {
        int y = ShownBallY;
        if (y == 0)
        {
            return default;
        }

        int left = BallX - PongLayout.BallXOffset;
        int top = y - PongLayout.BallYOffset;
        int bottom = top + PongLayout.BallHeight - 1;
        int writeColumn = (y & 1) == 1 ? PongLayout.BallOddRowWriteColumn : PongLayout.BallEvenRowWriteColumn;

        // The top edge is written on the line above the ball, the bottom edge on the ball's last line.
        int topWrite = top - 1 < kernelChargeRow ? writeColumn + PongLayout.BallWriteDelayBeforeCharge : writeColumn;
        int bottomWrite = bottom < kernelChargeRow ? writeColumn + PongLayout.BallWriteDelayBeforeCharge : writeColumn;
        int right = left + 1;
        return new PongBallSprite(
            true,
            left,
            left >= topWrite ? top - 1 : top,
            left >= bottomWrite ? bottom - 1 : bottom,
            right >= topWrite ? top - 1 : top,
            right >= bottomWrite ? bottom - 1 : bottom);
    }

    /// <summary>Top screen row of the ball's left column as drawn (before clipping); see <see cref="BallSprite"/>.</summary>
    public int BallTopRow() => BallSprite().LeftTop;

    /// <summary>Top screen row of the agent paddle as drawn (before clipping): even rows only.</summary>
    public int AgentPaddleTopRow() => (AgentPaddleShown - 13) & ~1;

    /// <summary>Top screen row of the CPU paddle as drawn (before clipping).</summary>
    public int CpuPaddleTopRow() => CpuPaddle - (PongLayout.PaddleHeight - 1);

    private void EndRally(bool serveTowardAgent)
    {
        // Rule ScoringFrameShowsTheBall (issue 20, fact 2): on the frame a point is scored the real game still draws
        // the ball where it was (ram54 is cleared for the next frame's kernel), and its CPU still chases that y.
        pointFrameBallY = BallY;
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
        if (agentHitLatched)
        {
            // Rule AgentHitOnEveryOverlap (issue 20, fact 3): the real game re-applies the agent's hit on every frame
            // the ball overlaps its paddle, also once the ball is already going back: dy from the offset again, FIRE
            // speeds it up again, dx = -speed. Only the agent can smash: FIRE held in the frame of the hit.
            // No such evidence was seen for the CPU, so its hit still needs the ball moving towards it.
            if (fireAtHit)
            {
                Speed = Math.Min(Speed + 1, MaxSpeed);
            }

            if (BallDx > 0)
            {
                Hits++;
            }

            BallDx = -Speed;
            BallDy = BounceDy(agentHitOffset);
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

        // Only a ball at a paddle's columns can touch it; the rows are worked out only then.
        int left = BallX - PongLayout.BallXOffset;
        bool nearAgent = left >= PongLayout.AgentPaddleLeft - 1 && left < PongLayout.AgentPaddleLeft + PongLayout.PaddleWidth;
        bool nearCpu = left >= PongLayout.CpuPaddleLeft - 1 && left < PongLayout.CpuPaddleLeft + PongLayout.PaddleWidth;
        if (!nearAgent && !nearCpu)
        {
            return;
        }

        PongBallSprite ball = BallSprite();
        if (nearAgent && Overlaps(ball, PongLayout.AgentPaddleLeft, AgentPaddleTopRow()))
        {
            agentHitLatched = true;
            agentHitOffset = BallY - AgentPaddleShown;
            fireAtHit = fire;
        }
        else if (nearCpu && BallDx < 0 && Overlaps(ball, PongLayout.CpuPaddleLeft, CpuPaddleTopRow()))
        {
            cpuHitLatched = true;
            cpuHitOffset = BallY - CpuPaddle;
        }
    }

    // Pixel overlap of the ball (column by column, as drawn) and a paddle: both are drawn, so both collide, only
    // inside the playfield rows.
    private static bool Overlaps(in PongBallSprite ball, int paddleLeft, int paddleTop)
    {
        int paddleBottom = Math.Min(paddleTop + PongLayout.PaddleHeight - 1, PongLayout.PlayfieldLastRow);
        paddleTop = Math.Max(paddleTop, PongLayout.PlayfieldFirstRow);
        for (int column = ball.Left; column <= ball.Left + 1; column++)
        {
            if (column >= paddleLeft && column < paddleLeft + PongLayout.PaddleWidth
                && Math.Max(ball.Top(column), paddleTop) <= Math.Min(ball.Bottom(column), paddleBottom))
            {
                return true;
            }
        }

        return false;
    }
}
