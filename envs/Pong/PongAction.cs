namespace SamRl.Envs.Pong;

/// <summary>Pong's minimal action set, in ALE's order (ALE ids 0, 1, 3, 4, 11, 12).</summary>
public enum PongAction
{
    Noop = 0,
    Fire = 1,
    Right = 2,
    Left = 3,
    RightFire = 4,
    LeftFire = 5,
}
