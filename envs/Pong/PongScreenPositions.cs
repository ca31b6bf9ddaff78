namespace SamRl.Envs.Pong;

/// <summary>
/// What a Pong screen shows, in screen pixels: the ball's top-left pixel and each paddle's top row, null where the
/// object is not on screen. A paddle partly behind a wall is reported by its true top row (bottom row - 15).
/// </summary>
public readonly record struct PongScreenPositions(int? BallX, int? BallY, int? CpuY, int? AgentY);
