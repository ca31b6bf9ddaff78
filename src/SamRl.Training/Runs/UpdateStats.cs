namespace SamRl.Training;

/// <summary>What one optimizer update reports to the run log.</summary>
public readonly record struct UpdateStats(LossStats Loss, double GradNorm, double PolicyLag);
