namespace SamRl.Training;

/// <summary>One update's numbers, per rollout (the loss is averaged over the batch's rollouts).</summary>
public readonly record struct LossStats(double PolicyLoss, double ValueLoss, double Entropy, int Steps);
