namespace SamRl.Envs.Pong;

/// <summary>An RGB colour of the Pong screen.</summary>
public readonly record struct Rgb(byte R, byte G, byte B);
