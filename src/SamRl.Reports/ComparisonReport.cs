using System.Globalization;
using System.Net;
using System.Text;

namespace SamRl.Reports;

/// <summary>The summary table of a comparison as rows of text, and the files of a report: SVG, CSV and one self-contained HTML page.</summary>
public static class ComparisonReport
{
    public static readonly string[] Header = ["group", "runs", "games (mean)", "final moving average", "area under curve (per game)"];

    public static List<string[]> Rows(Comparison c)
    {
        var thresholds = c.Summaries.FirstOrDefault()?.Crossings.Select(x => x.Threshold).ToList() ?? [];
        var rows = new List<string[]>();
        rows.Add([.. Header, .. thresholds.Select(t => "games / frames to " + t.ToString("G", CultureInfo.InvariantCulture))]);
        foreach (var s in c.Summaries)
            rows.Add([
                s.Label, Inv($"{s.Runs}"), Inv($"{s.MeanGames:F0}"), s.Runs > 1 ? Inv($"{s.FinalMean:F2} ± {s.FinalStd:F2}") : Inv($"{s.FinalMean:F2}"), Inv($"{s.Auc:F2}"),
                .. s.Crossings.Select(x => x.Reached == 0 ? "not reached" : Inv($"{x.MeanGames:F0} / {x.MeanFrames:N0}{(x.Reached < s.Runs ? $" ({x.Reached} of {s.Runs} runs)" : "")}")),
            ]);
        return rows;
    }

    public static List<string> TestLines(Comparison c) =>
        c.Tests.Select(t => Inv($"Welch t-test on the final moving average, {t.A} vs {t.B}: t = {t.T:F2}, df = {t.DegreesOfFreedom:F1}, p = {t.P:G3}")).ToList();

    /// <summary>Writes report.svg, summary.csv and report.html into <paramref name="folder"/>; returns their paths.</summary>
    public static string[] Write(Comparison c, string folder, string title)
    {
        Directory.CreateDirectory(folder);
        string svg = SvgReport.Render(c, title);
        string svgPath = Path.Combine(folder, "report.svg"), csvPath = Path.Combine(folder, "summary.csv"), htmlPath = Path.Combine(folder, "report.html");
        File.WriteAllText(svgPath, svg);
        var rows = Rows(c);
        File.WriteAllLines(csvPath, rows.Select(r => string.Join(",", r.Select(Csv))));
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n");
        html.Append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}</style>\n</head><body>\n");
        html.Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>\n").Append(svg).Append("<table>\n");
        for (int i = 0; i < rows.Count; i++)
        {
            string cell = i == 0 ? "th" : "td";
            html.Append("<tr>").Append(string.Concat(rows[i].Select(v => $"<{cell}>{WebUtility.HtmlEncode(v)}</{cell}>"))).Append("</tr>\n");
        }

        html.Append("</table>\n");
        foreach (var line in TestLines(c)) html.Append("<p>").Append(WebUtility.HtmlEncode(line)).Append("</p>\n");
        html.Append("<p>Runs: ").Append(WebUtility.HtmlEncode(string.Join(", ", c.Groups.Values.SelectMany(g => g).Select(r => r.Path)))).Append("</p>\n</body></html>\n");
        File.WriteAllText(htmlPath, html.ToString());
        return [svgPath, csvPath, htmlPath];
    }

    private static string Csv(string v) => v.Contains(',') || v.Contains('"') ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
