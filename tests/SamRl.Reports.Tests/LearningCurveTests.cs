namespace SamRl.Reports.Tests;

public class LearningCurveTests
{
    [Fact]
    public void MovingAverageAndCrossingsMatchAHandComputation()
    {
        string dir = Path.Combine(Path.GetTempPath(), "samrl-curve-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "config.json"), """{"config":{"agent":"lstm","frame_skip":4,"env":"pong","seed":1,"mode":"hogwild"}}""");
            // Returns -21, -19, -17, -15, -13 at 100k-frame spacing; the last row is torn (a run still writing).
            var lines = new List<string> { "game,wall_seconds,frames,updates,actor,return,length" };
            for (int i = 0; i < 5; i++) lines.Add($"{i + 1},{60 * (i + 1)},{100_000 * (i + 1)},{10 * i},0,{-21 + 2 * i},1000");
            File.WriteAllText(Path.Combine(dir, "episodes.csv"), string.Join("\n", lines) + "\n6,360,600");
            var c = LearningCurve.Read(dir, every: 200_000, window: 2, thresholds: [-16, -10]);

            Assert.Equal(5, c.Last.Games);
            Assert.Equal(-14, c.Last.MovingAverage, 12);                    // (-15 + -13) / 2
            Assert.Equal([200_000L, 400_000L], c.Points.Select(p => p.Frames));
            Assert.Equal([-20.0, -16.0], c.Points.Select(p => p.MovingAverage)); // (-21-19)/2 at game 2, (-17-15)/2 at game 4
            Assert.Equal(400_000L, c.Crossings[0].Frames);                   // first full window >= -16: games 3-4
            Assert.Equal(240, c.Crossings[0].WallSeconds!.Value, 9);
            Assert.Null(c.Crossings[1].Frames);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AFolderWithoutARunIsAClearError()
    {
        var e = Assert.Throws<InvalidDataException>(() => LearningCurve.Read(Path.GetTempPath(), 1000, 100, [0]));
        Assert.Contains("config.json", e.Message);
    }
}
