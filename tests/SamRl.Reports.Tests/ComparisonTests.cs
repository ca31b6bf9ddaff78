using System.Xml.Linq;

namespace SamRl.Reports.Tests;

public sealed class ComparisonTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "samrl-compare-" + Guid.NewGuid().ToString("N"));

    public ComparisonTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Run(string name, string agent, int frameSkip, int seed, params double[] returns)
    {
        string dir = Path.Combine(_root, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "config.json"),
            $"{{\"run_id\":\"{name}\",\"kind\":\"a3c\",\"config\":{{\"agent\":\"{agent}\",\"env\":\"pong\",\"frame_skip\":{frameSkip},\"mode\":\"hogwild\",\"seed\":{seed}}}}}");
        var lines = new List<string> { "game,wall_seconds,frames,updates,actor,return,length" };
        for (int i = 0; i < returns.Length; i++) lines.Add($"{i + 1},{360 * (i + 1)},{1000 * (i + 1)},{i},0,{returns[i]},1000");
        File.WriteAllLines(Path.Combine(dir, "episodes.csv"), lines);
        return dir;
    }

    [Fact]
    public void MovingAverageIsTrailingWithAShortStart() =>
        Assert.Equal([1.0, 1.5, 2.5, 3.5], RunSeries.MovingAverage([1, 2, 3, 4], 2));

    [Fact]
    public void GroupsMeanBandAndUnequalLengths()
    {
        var runs = new[]
        {
            RunSeries.Load(Run("a1", "lstm", 4, 1, -21, -19, -17)),
            RunSeries.Load(Run("a2", "lstm", 4, 2, -21, -21)),
            RunSeries.Load(Run("b1", "stm", 4, 1, -20, -20, -20)),
        };
        var c = new Comparison(runs, ["agent", "frame_skip"], window: 1, XAxis.Games, Band.Std, [-19]);
        Assert.Equal(["agent=lstm frame_skip=4", "agent=stm frame_skip=4"], c.Groups.Keys);
        var lstm = c.Curves["agent=lstm frame_skip=4"];
        Assert.Equal([1.0, 2, 3], lstm.X);
        Assert.Equal([-21.0, -20, -17], lstm.Mean);                      // game 3: only a1 got there
        Assert.Equal([0.0, Math.Sqrt(2), 0], lstm.Spread);               // std of (-19, -21) = √2
        Assert.Equal([2, 2, 1], lstm.Runs);
        var stderr = Comparison.Curve(runs[..2], 1, XAxis.Games, Band.Stderr);
        Assert.Equal(1.0, stderr.Spread[1], 12);                          // √2 / √2

        var s = c.Summaries[0];
        Assert.Equal(2, s.Runs);
        Assert.Equal(-19, s.FinalMean, 12);                               // (-17 + -21) / 2
        Assert.Equal(Math.Sqrt(8), s.FinalStd, 12);
        Assert.Equal(((-19.0) + (-21.0)) / 2, s.Auc, 12);                 // a1 mean -19, a2 mean -21
        Assert.Equal(1, s.Crossings[0].Reached);                          // a1 reaches -19 at game 2
        Assert.Equal(2, s.Crossings[0].MeanGames);
        Assert.Equal(2000, s.Crossings[0].MeanFrames);
    }

    [Fact]
    public void WelchTestMatchesAHandComputation()
    {
        // a = (1, 2, 3, 4), b = (2, 4, 6): means 2.5, 4; variances 5/3, 4; t = -1.5 / √(5/12 + 4/3) = -1.1339,
        // df = (5/12 + 4/3)² / ((5/12)²/3 + (4/3)²/2) = 3.0625 / 0.94676 = 3.2347.
        var w = Comparison.Welch([1, 2, 3, 4], [2, 4, 6])!.Value;
        Assert.Equal(-1.5 / Math.Sqrt((5.0 / 12) + (4.0 / 3)), w.T, 10);
        Assert.Equal(3.0625 / ((25.0 / 144 / 3) + (16.0 / 9 / 2)), w.Df, 10);
        Assert.InRange(w.P, 0.33, 0.35);                                   // two-sided, t ≈ -1.13 at ≈ 3.2 df
        Assert.Null(Comparison.Welch([1], [2, 3]));
    }

    [Fact]
    public void TestsBetweenAgentsAtEachFrameSkip()
    {
        var runs = new[]
        {
            RunSeries.Load(Run("l1", "lstm", 4, 1, -20)), RunSeries.Load(Run("l2", "lstm", 4, 2, -18)),
            RunSeries.Load(Run("s1", "stm", 4, 1, -10)), RunSeries.Load(Run("s2", "stm", 4, 2, -12)),
            RunSeries.Load(Run("l3", "lstm", 16, 1, -21)),
        };
        var c = new Comparison(runs, ["agent", "frame_skip"], 100, XAxis.Games, Band.Std, []);
        var t = Assert.Single(c.Tests);                                   // frame skip 16 has one agent only
        Assert.Equal("agent=lstm frame_skip=4", t.A);
        Assert.Equal("agent=stm frame_skip=4", t.B);
        Assert.True(t.T < 0 && t.P < 0.05);
    }

    [Fact]
    public void SvgHasOneCurveAndOneBandPerGroupAndHtmlIsSelfContained()
    {
        var runs = new[]
        {
            RunSeries.Load(Run("l1", "lstm", 4, 1, -21, -20, -19)), RunSeries.Load(Run("s1", "stm", 4, 1, -21, -18, -15)),
            RunSeries.Load(Run("l2", "lstm", 16, 1, -21, -21, -20)),
        };
        var c = new Comparison(runs, ["agent", "frame_skip"], 2, XAxis.Frames, Band.Std, [-19]);
        var files = ComparisonReport.Write(c, Path.Combine(_root, "report"), "test");
        var svg = XDocument.Load(files[0]);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(3, svg.Descendants(ns + "polyline").Count(e => (string?)e.Attribute("class") == "curve"));
        Assert.Equal(3, svg.Descendants(ns + "polygon").Count(e => (string?)e.Attribute("class") == "band"));
        string html = File.ReadAllText(files[2]);
        foreach (var external in new[] { "src=", "href=", "url(", "<script", "<link" }) Assert.DoesNotContain(external, html);
        Assert.Contains("agent=stm frame_skip=4", File.ReadAllText(files[1]));
    }

    [Fact]
    public void TaskRunsCompareTheirHeldOutMetric()
    {
        string dir = Path.Combine(_root, "copy-stm");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "config.json"), "{\"run_id\":\"copy-stm\",\"config\":{\"task\":\"copy\",\"model\":\"stm\",\"seed\":3}}");
        File.WriteAllLines(Path.Combine(dir, "metrics.csv"),
        [
            "iteration,sequences,wall_seconds,train_loss,train_metric,eval_loss,eval_metric,metric_name",
            "1,8,36,0.69,30,,,bit_error",
            "2,16,72,0.68,29,0.6,28.5,bit_error",
            "3,24,108,0.67,27,,,bit_error",
            "4,32,144,0.66,26,0.5,20.5,bit_error",
        ]);
        var r = RunSeries.Load(dir);
        Assert.Equal([2.0, 4], r.Frames);
        Assert.Equal([28.5, 20.5], r.Returns);
        Assert.Equal([0.02, 0.04], r.Hours);
        Assert.Equal("bit_error", r.Metric);
        Assert.Equal("stm", r.Keys["agent"]);
        Assert.Equal("copy", r.Keys["env"]);
        var c = new Comparison([r], ["agent", "env"], 1, XAxis.Frames, Band.Std, []);
        Assert.Equal(20.5, c.Summaries[0].FinalMean);
        Assert.Contains("bit_error", SvgReport.Render(c, "t"));
    }

    [Fact]
    public void BadFoldersAreClearErrors()
    {
        var e = Assert.Throws<InvalidDataException>(() => RunSeries.Load(Path.Combine(_root, "absent")));
        Assert.Contains("no such run folder", e.Message);
        string dir = Run("bad", "lstm", 4, 1, -21);
        File.AppendAllText(Path.Combine(dir, "episodes.csv"), "2,1,x,1,0,-20,1000\n3,2,3000,2,0,-20,1000\n");
        e = Assert.Throws<InvalidDataException>(() => RunSeries.Load(dir));
        Assert.Contains("row 3", e.Message);
        File.WriteAllText(Path.Combine(dir, "config.json"), "{not json");
        e = Assert.Throws<InvalidDataException>(() => RunSeries.Load(dir));
        Assert.Contains("config.json", e.Message);
    }
}
