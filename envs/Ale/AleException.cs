namespace SamRl.Envs.Ale;

/// <summary>An error reported by ALE through the shim (the C++ exception's message), or a ROM it cannot load.</summary>
public sealed class AleException(string message) : Exception(message);
