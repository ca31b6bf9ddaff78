namespace SamRl.Envs.Diagnostics;

/// <summary>Summary of a policy over episodes at one frame skip, in the columns of pong-facts.md section 5 (population std).</summary>
public sealed record PolicyStatistics(
    string Policy,
    string Skip,
    int Episodes,
    double ReturnMean,
    double ReturnStd,
    double ReturnMin,
    double ReturnMax,
    double FramesMean,
    double FramesStd,
    double AgentPointsMean,
    int AgentPointsMin,
    int AgentPointsMax)
{
    public static PolicyStatistics From(string policy, string skip, IReadOnlyList<EpisodeOutcome> episodes)
    {
        if (episodes.Count == 0)
        {
            throw new ArgumentException("no episodes to summarise");
        }

        var returns = episodes.Select(e => e.Return).ToArray();
        var frames = episodes.Select(e => (double)e.Frames).ToArray();
        var points = episodes.Select(e => e.AgentPoints).ToArray();
        return new PolicyStatistics(
            policy,
            skip,
            episodes.Count,
            returns.Average(),
            PopulationStd(returns),
            returns.Min(),
            returns.Max(),
            frames.Average(),
            PopulationStd(frames),
            points.Average(),
            points.Min(),
            points.Max());
    }

    /// <summary>A Markdown table row: | policy | k | episodes | return mean ± std | min | max | frames mean ± std | agent points mean (min–max) |.</summary>
    public string ToMarkdownRow() =>
        FormattableString.Invariant(
            $"| {Policy} | {Skip} | {Episodes} | {ReturnMean:F2} ± {ReturnStd:F2} | {ReturnMin:0.##} | {ReturnMax:0.##} | {FramesMean:F0} ± {FramesStd:F0} | {AgentPointsMean:0.##} ({AgentPointsMin}–{AgentPointsMax}) |");

    public const string MarkdownHeader =
        "| policy | k | episodes | return mean ± std | min | max | frames mean ± std | agent points mean (min–max) |\n" +
        "|---|---|---|---|---|---|---|---|";

    private static double PopulationStd(double[] xs)
    {
        double m = xs.Average();
        return Math.Sqrt(xs.Sum(x => (x - m) * (x - m)) / xs.Length);
    }
}
