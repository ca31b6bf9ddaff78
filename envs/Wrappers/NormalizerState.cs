namespace SamRl.Envs.Wrappers;

/// <summary>The running (not yet bias-corrected) mean and standard deviation of <see cref="NormalizeObservation"/> and its count.</summary>
public readonly record struct NormalizerState(double Mean, double Std, long Count);
