namespace SamRl.Envs.Pong;

/// <summary>The colours of one frame: the normal palette, or the attract-mode one the real game shows at t = 0 and 1.</summary>
public sealed record PongPalette(Rgb Background, Rgb Wall, Rgb Ball, Rgb CpuDigits, Rgb CpuPaddle, Rgb AgentDigits, Rgb AgentPaddle)
{
    public static readonly Rgb Black = new(0, 0, 0);

    public static readonly PongPalette Normal = new(
        Background: new Rgb(144, 72, 17),
        Wall: new Rgb(236, 236, 236),
        Ball: new Rgb(236, 236, 236),
        CpuDigits: new Rgb(213, 130, 74),
        CpuPaddle: new Rgb(213, 130, 74),
        AgentDigits: new Rgb(92, 186, 92),
        AgentPaddle: new Rgb(92, 186, 92));

    public static readonly PongPalette Attract = new(
        Background: new Rgb(109, 118, 43),
        Wall: new Rgb(53, 95, 24),
        Ball: new Rgb(53, 95, 24),
        CpuDigits: new Rgb(210, 182, 86),
        CpuPaddle: new Rgb(210, 182, 86),
        AgentDigits: new Rgb(101, 111, 228),
        AgentPaddle: new Rgb(101, 111, 228));
}
