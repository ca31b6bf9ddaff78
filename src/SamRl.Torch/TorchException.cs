namespace SamRl.Torch;

/// <summary>An error reported by libtorch (bad shape, wrong dtype, ...); the process carries on.</summary>
public sealed class TorchException(string message) : Exception(message);
