using SamRl.Envs.Pong;

namespace SamRl.Envs.Diagnostics;

/// <summary>
/// Deterministic Pong policies that decide from the screen alone (positions read by <see cref="PongScreenReader"/>),
/// so the same policy plays the built-in game and the real one identically and their traces can be diffed.
/// Actions are indices into Pong's minimal set: 0 NOOP, 1 FIRE, 2 RIGHT (paddle up), 3 LEFT (paddle down),
/// 4 RIGHTFIRE, 5 LEFTFIRE.
/// <list type="bullet">
/// <item><c>noop</c>: always NOOP (FIRE with fire).</item>
/// <item><c>track</c>: d = ball top row - (agent paddle top row + 6), the ball's centre row minus the paddle's;
/// d &lt; -2: RIGHT (up), d &gt; 2: LEFT (down), else NOOP; NOOP when the ball or the paddle is not on screen.
/// With fire, FIRE, RIGHTFIRE and LEFTFIRE instead.</item>
/// <item><c>random</c>: uniform over the 6 actions from System.Random(seed), one draw per agent step.</item>
/// </list>
/// </summary>
public sealed class ScreenPolicy
{
    public const int TrackDeadBand = 2;

    public static readonly IReadOnlyList<string> Names = ["noop", "track", "random"];

    private const int Noop = 0, Fire = 1, Right = 2, Left = 3, RightFire = 4, LeftFire = 5, ActionCount = 6;

    private readonly Random? rng;

    private ScreenPolicy(string name, bool fire, Random? rng)
    {
        Name = name;
        UsesFire = fire;
        this.rng = rng;
    }

    public string Name { get; }

    public bool UsesFire { get; }

    /// <summary>The policy called <paramref name="name"/>; an unknown name, or fire with random, is an ArgumentException.</summary>
    public static ScreenPolicy Create(string name, bool fire, int seed)
    {
        string key = (name ?? string.Empty).Trim().ToLowerInvariant();
        return key switch
        {
            "noop" or "track" => new ScreenPolicy(key, fire, null),
            "random" when fire => throw new ArgumentException("random takes no --fire (it already draws from all 6 actions); --fire goes with noop or track"),
            "random" => new ScreenPolicy(key, false, new Random(seed)),
            _ => throw new ArgumentException($"unknown policy '{name}'; valid: {string.Join(", ", Names)}"),
        };
    }

    public int Act(in PongScreenPositions seen)
    {
        if (rng is not null)
        {
            return rng.Next(ActionCount);
        }

        int move = Noop;
        if (Name == "track" && seen.BallY is int ball && seen.AgentY is int paddle)
        {
            int d = ball - (paddle + 6);
            move = d < -TrackDeadBand ? Right : d > TrackDeadBand ? Left : Noop;
        }

        return !UsesFire ? move : move switch { Right => RightFire, Left => LeftFire, _ => Fire };
    }
}
