using System.Globalization;
using System.Net;
using System.Text;

namespace SamRl.Reports;

/// <summary>
/// A comparison drawn as SVG: one panel per frame skip (one panel if the runs are not grouped by it), in each a mean
/// line and a translucent band per group, axes with ticks and labels, a legend. Plain SVG 1.1 with no script and no
/// external reference, so it opens anywhere and embeds in the HTML report as is.
/// </summary>
public static class SvgReport
{
    private const int PanelW = 460, PanelH = 300, Left = 60, Right = 20, Top = 36, Bottom = 46;
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f"];

    public static string Render(Comparison c, string title)
    {
        var panels = c.Groups.Keys.GroupBy(k => c.GroupBy.Contains("frame_skip") ? c.Groups[k][0].Keys["frame_skip"] : "all")
            .OrderBy(g => double.TryParse(g.Key, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.MaxValue)
            .ToList();
        var colours = c.Groups.Keys.Select(k => Series(c, k)).Distinct().Select((s, i) => (s, Palette[i % Palette.Length])).ToDictionary(p => p.s, p => p.Item2);
        int cols = Math.Min(2, panels.Count), rows = (panels.Count + cols - 1) / cols;
        int width = cols * PanelW, height = (rows * PanelH) + 30;
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"11\">\n"));
        svg.Append(Inv($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n<text x=\"{width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">{Esc(title)}</text>\n"));
        for (int p = 0; p < panels.Count; p++)
        {
            int ox = (p % cols) * PanelW, oy = 30 + ((p / cols) * PanelH);
            var keys = panels[p].ToList();
            Panel(svg, c, keys, ox, oy, panels.Count > 1 ? $"frame skip {panels[p].Key}" : "", colours);
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Series(Comparison c, string key) => string.Join(" ", c.GroupBy.Where(k => k != "frame_skip").Select(k => $"{k}={c.Groups[key][0].Keys[k]}"));

    private static void Panel(StringBuilder svg, Comparison c, List<string> keys, int ox, int oy, string title, Dictionary<string, string> colours)
    {
        var curves = keys.Select(k => (k, c.Curves[k])).ToList();
        double xMax = curves.Max(k => k.Item2.X[^1]);
        var ys = curves.SelectMany(k => k.Item2.Mean.Zip(k.Item2.Spread).Where(v => !double.IsNaN(v.First)).SelectMany(v => new[] { v.First - v.Second, v.First + v.Second })).ToList();
        double yMin = ys.Count > 0 ? ys.Min() : 0, yMax = ys.Count > 0 ? ys.Max() : 1;
        if (yMax - yMin < 1e-9) { yMin -= 1; yMax += 1; }
        double pw = PanelW - Left - Right, ph = PanelH - Top - Bottom;
        double Sx(double x) => ox + Left + (x / xMax * pw);
        double Sy(double y) => oy + Top + ((yMax - y) / (yMax - yMin) * ph);

        svg.Append(Inv($"<g>\n<text x=\"{ox + Left + (pw / 2):F0}\" y=\"{oy + 16}\" text-anchor=\"middle\" font-size=\"12\">{Esc(title)}</text>\n"));
        svg.Append(Inv($"<rect x=\"{ox + Left}\" y=\"{oy + Top}\" width=\"{pw:F0}\" height=\"{ph:F0}\" fill=\"none\" stroke=\"#444\"/>\n"));
        foreach (double t in Ticks(yMin, yMax))
            svg.Append(Inv($"<line x1=\"{ox + Left}\" x2=\"{ox + Left + pw:F0}\" y1=\"{Sy(t):F1}\" y2=\"{Sy(t):F1}\" stroke=\"#ddd\"/><text x=\"{ox + Left - 4}\" y=\"{Sy(t) + 4:F1}\" text-anchor=\"end\">{t:G4}</text>\n"));
        foreach (double t in Ticks(0, xMax))
            svg.Append(Inv($"<text x=\"{Sx(t):F1}\" y=\"{oy + Top + ph + 14:F0}\" text-anchor=\"middle\">{Short(t)}</text>\n"));
        var first = c.Groups[keys[0]][0];
        bool task = first.Steps == "iterations";
        string xLabel = c.Axis switch { XAxis.Games => task ? "evaluations" : "games", XAxis.Frames => first.Steps, _ => "hours" };
        svg.Append(Inv($"<text x=\"{ox + Left + (pw / 2):F0}\" y=\"{oy + PanelH - 12}\" text-anchor=\"middle\">{xLabel}</text>\n"));
        svg.Append(Inv($"<text transform=\"translate({ox + 14},{oy + Top + (ph / 2):F0}) rotate(-90)\" text-anchor=\"middle\">{Esc(first.Metric)}, moving average ({c.Window})</text>\n"));
        int legend = 0;
        foreach (var (key, curve) in curves)
        {
            string colour = colours[Series(c, key)];
            var idx = Enumerable.Range(0, curve.X.Length).Where(i => !double.IsNaN(curve.Mean[i])).ToList();
            var upper = idx.Select(i => Inv($"{Sx(curve.X[i]):F1},{Sy(curve.Mean[i] + curve.Spread[i]):F1}"));
            var lower = idx.AsEnumerable().Reverse().Select(i => Inv($"{Sx(curve.X[i]):F1},{Sy(curve.Mean[i] - curve.Spread[i]):F1}"));
            svg.Append($"<polygon class=\"band\" points=\"{string.Join(" ", upper.Concat(lower))}\" fill=\"{colour}\" fill-opacity=\"0.18\" stroke=\"none\"/>\n");
            svg.Append($"<polyline class=\"curve\" points=\"{string.Join(" ", idx.Select(i => Inv($"{Sx(curve.X[i]):F1},{Sy(curve.Mean[i]):F1}")))}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.6\"/>\n");
            int runs = c.Groups[key].Count;
            svg.Append(Inv($"<text x=\"{ox + Left + 8}\" y=\"{oy + Top + 14 + (14 * legend++)}\" fill=\"{colour}\">{Esc(Series(c, key))} ({runs} run{(runs == 1 ? "" : "s")})</text>\n"));
        }

        svg.Append("</g>\n");
    }

    private static IEnumerable<double> Ticks(double lo, double hi)
    {
        double span = hi - lo, step = Math.Pow(10, Math.Floor(Math.Log10(span / 4)));
        foreach (double m in new[] { 1.0, 2, 5, 10 })
            if (span / (step * m) <= 6) { step *= m; break; }
        for (double t = Math.Ceiling(lo / step) * step; t <= hi + (step * 1e-9); t += step) yield return Math.Abs(t) < step * 1e-9 ? 0 : t;
    }

    private static string Short(double v) => v switch
    {
        >= 1e6 => Inv($"{v / 1e6:G3}M"),
        >= 1e3 => Inv($"{v / 1e3:G3}k"),
        _ => Inv($"{v:G3}"),
    };

    private static string Esc(string s) => WebUtility.HtmlEncode(s);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
