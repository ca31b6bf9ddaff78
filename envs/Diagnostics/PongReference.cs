namespace SamRl.Envs.Diagnostics;

/// <summary>
/// Statistics measured on the real game (ALE 0.12.1, ROM md5 60e0ea3cbe0913d39803477945e9e5ec, frame_skip 1,
/// repeat_action_probability 0; pong-facts.md section 5), to compare the built-in Pong against.
/// </summary>
public static class PongReference
{
    /// <summary>Frames per second of the real emulator on one core of the project's reference machine (act() only).</summary>
    public const double AleFramesPerSecond = 18_000;

    /// <summary>The measured table. Agent points for noop are exactly 0; the ALE table gives no min/max, so 0 (0–0).</summary>
    public static IReadOnlyList<PolicyStatistics> MeasuredAle { get; } =
    [
        new("noop", "any", 2, -21.00, 0.00, -21, -21, 3056, 0, 0, 0, 0),
        new("random", "1", 30, -20.53, 0.67, -21, -19, 3524, 360, 0.47, 0, 2),
        new("random", "4", 30, -20.23, 0.72, -21, -19, 3719, 443, 0.77, 0, 2),
        new("random", "16", 30, -20.73, 0.44, -21, -20, 3518, 308, 0.27, 0, 1),
        new("random", "32", 30, -20.83, 0.45, -21, -19, 3396, 312, 0.17, 0, 2),
    ];
}
