using SamRl.Envs.Wrappers;

namespace SamRl.Envs.Control;

/// <summary>
/// CartPole-v1 (Barto, Sutton and Anderson 1983, as Gymnasium defines it): a pole hinged on a cart that is pushed
/// left or right with 10 N; Euler steps of 0.02 s; +1 per step, the last included; the episode terminates when the
/// cart leaves ±2.4 or the pole leans past ±12°, and is truncated after 500 steps. Observation [x, ẋ, θ, θ̇], or with
/// <c>masked</c> only [x, θ]: the velocities hidden, so an agent must infer them from what it remembers (a POMDP).
/// </summary>
public sealed class CartPoleEnv : VectorEnv
{
    public const int MaxSteps = 500;
    public static readonly IReadOnlyList<string> Meanings = ["LEFT", "RIGHT"];

    private const double Gravity = 9.8, CartMass = 1.0, PoleMass = 0.1, TotalMass = CartMass + PoleMass;
    private const double HalfLength = 0.5, PoleMassLength = PoleMass * HalfLength, ForceMag = 10.0, Tau = 0.02;
    private const double ThetaLimit = 12 * 2 * Math.PI / 360, XLimit = 2.4;
    private const ulong Stream = 0x43415254; // "CART"

    private Random? _rng;
    private bool _over = true;

    public CartPoleEnv(bool masked = false)
        : base(2, Meanings, masked ? 2 : 4, float.NegativeInfinity, float.PositiveInfinity)
    {
        Masked = masked;
    }

    public bool Masked { get; }

    /// <summary>The physical state [x, ẋ, θ, θ̇] (what the masked observation hides half of).</summary>
    public double[] State { get; } = new double[4];

    public override (Observation Observation, Info Info) Reset(int? seed = null)
    {
        _rng = Seeding.Reseed(_rng, seed, Stream);
        for (int i = 0; i < 4; i++) State[i] = (_rng.NextDouble() * 0.1) - 0.05;
        EpisodeSteps = 0;
        _over = false;
        return (Observe(), Info());
    }

    public override StepResult Step(int action, bool observe = true)
    {
        if ((uint)action >= 2) throw new ArgumentOutOfRangeException(nameof(action), action, "CartPole has actions 0 (left) and 1 (right)");
        if (_over) return new StepResult(Observe(), 0, true, false, Info());
        double x = State[0], xDot = State[1], theta = State[2], thetaDot = State[3];
        double force = action == 1 ? ForceMag : -ForceMag;
        double cos = Math.Cos(theta), sin = Math.Sin(theta);
        double temp = (force + (PoleMassLength * thetaDot * thetaDot * sin)) / TotalMass;
        double thetaAcc = ((Gravity * sin) - (cos * temp)) / (HalfLength * ((4.0 / 3.0) - (PoleMass * cos * cos / TotalMass)));
        double xAcc = temp - (PoleMassLength * thetaAcc * cos / TotalMass);
        State[0] = x + (Tau * xDot);
        State[1] = xDot + (Tau * xAcc);
        State[2] = theta + (Tau * thetaDot);
        State[3] = thetaDot + (Tau * thetaAcc);
        EpisodeSteps++;
        TotalSteps++;
        bool terminated = State[0] < -XLimit || State[0] > XLimit || State[2] < -ThetaLimit || State[2] > ThetaLimit;
        bool truncated = !terminated && EpisodeSteps >= MaxSteps;
        _over = terminated || truncated;
        return new StepResult(observe ? Observe() : Observation.Empty, 1, terminated, truncated, Info());
    }

    public override Observation Observe()
    {
        if (Masked)
        {
            Obs[0] = (float)State[0];
            Obs[1] = (float)State[2];
        }
        else
        {
            for (int i = 0; i < 4; i++) Obs[i] = (float)State[i];
        }

        return new Observation(Obs, Shape);
    }

    /// <summary>A 210×160 RGB drawing: the track, the cart (grey) and the pole (orange).</summary>
    public override byte[] Render()
    {
        var screen = NewScreen();
        int cx = (int)(80 + (State[0] / XLimit * 70)), cy = 150;
        FillRect(screen, 0, cy + 6, ScreenWidth, cy + 7, 120, 120, 120);
        FillRect(screen, cx - 10, cy - 4, cx + 11, cy + 5, 180, 180, 180);
        for (int k = 0; k < 60; k++)
        {
            int px = cx + (int)(k * Math.Sin(State[2])), py = cy - 4 - (int)(k * Math.Cos(State[2]));
            FillRect(screen, px, py, px + 1, py + 1, 220, 140, 60);
        }
        return screen;
    }
}
