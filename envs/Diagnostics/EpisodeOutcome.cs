namespace SamRl.Envs.Diagnostics;

/// <summary>One played episode: return, emulator frames, and points won by the agent (rewards of +1).</summary>
public readonly record struct EpisodeOutcome(double Return, long Frames, int AgentPoints);
