namespace SamRl.Tasks.Training;

/// <summary>One change of the learning rate: iterations after <see cref="AfterIteration"/> train at <see cref="LearningRate"/>.</summary>
public sealed record LrStep(long AfterIteration, double LearningRate)
{
    public override string ToString() =>
        $"{AfterIteration.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{LearningRate.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)}";
}
