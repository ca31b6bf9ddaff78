using System.Globalization;

namespace SamRl.Envs.Diagnostics;

/// <summary>How a <see cref="ScreenTrace"/> ended: emulator frames played, the points of each side and the frame each point was scored on.</summary>
public sealed record TraceSummary(long Frames, int AgentPoints, int CpuPoints, IReadOnlyList<long> PointFrames, bool GameOver)
{
    public string ToLine() =>
        $"# end: frames={Frames.ToString(CultureInfo.InvariantCulture)} points={AgentPoints + CpuPoints} score={AgentPoints}-{CpuPoints} (agent-cpu) " +
        $"return={AgentPoints - CpuPoints} game_over={(GameOver ? "yes" : "no")} point_frames={(PointFrames.Count == 0 ? "-" : string.Join(',', PointFrames))}";
}
