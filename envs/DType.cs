namespace SamRl.Envs;

/// <summary>Element type of an observation.</summary>
public enum DType
{
    UInt8,
    Float32,
}
