namespace SamRl.Training.Tests;

public class LearningTests
{
    [Theory]
    [InlineData("lstm", A3CConfig.Hogwild)]
    [InlineData("stm", A3CConfig.Hogwild)]
    [InlineData("lstm", A3CConfig.Learner)]
    public void LearnsCatchThroughTheRealTrainer(string agent, string mode)
    {
        var root = TrainerFixture.TempRoot();
        try
        {
            var config = TrainerFixture.Catch(agent, mode, frames: 40_000);
            using var trainer = A3CTrainer.Create(config, root);
            var result = trainer.Run(CancellationToken.None);
            Console.WriteLine($"{agent}/{mode}: {result.Games} games, moving average {result.MovingAverage:F3}, {result.SessionSeconds:F1}s");
            Assert.True(result.MovingAverage > 0.8, $"{agent}/{mode}: moving average of the last 100 games is {result.MovingAverage:F3} after {result.Frames} frames");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
