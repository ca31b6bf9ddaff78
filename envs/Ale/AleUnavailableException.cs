namespace SamRl.Envs.Ale;

/// <summary>The ALE shim library could not be found or loaded; the message says how to build it.</summary>
public sealed class AleUnavailableException(string message) : DllNotFoundException(message);
