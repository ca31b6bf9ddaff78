using System.Globalization;
using SamRl.Envs.Pong;

namespace SamRl.Envs.Diagnostics;

/// <summary>One agent step of a <see cref="ScreenTrace"/>: the emulator frame it ended on, the action, the summed reward and what that frame's screen shows.</summary>
public sealed record TraceStep(long Frame, string Action, int Reward, PongScreenPositions Seen)
{
    /// <summary>The column line that heads every trace; <see cref="ToLine"/> writes the values in this order.</summary>
    public const string Columns = "frame action reward ball_x ball_y cpu_y agent_y";

    /// <summary>Space-separated, '-' for an object not on screen; the same text for both games, so traces diff line by line.</summary>
    public string ToLine() => string.Join(' ', Frame.ToString(CultureInfo.InvariantCulture), Action, Reward.ToString(CultureInfo.InvariantCulture), F(Seen.BallX), F(Seen.BallY), F(Seen.CpuY), F(Seen.AgentY));

    private static string F(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
