using System.Globalization;
using SamRl.Torch;

namespace SamRl.Cli.Peer;

/// <summary>A parameter's values in brief: how many, their mean and standard deviation, the largest magnitude.</summary>
public sealed record ParamSummary(long Count, double Mean, double Std, double MaxAbs)
{
    public static ParamSummary Of(Tensor t)
    {
        using var scope = torch.NewDisposeScope();
        var x = t.detach().to(ScalarType.Float64);
        long n = x.numel();
        return new ParamSummary(n, x.mean().item(), n > 1 ? x.std().item() : 0, x.abs().max().item());
    }
}

/// <summary>
/// Whether SamRl initialises each parameter as the authors' code does, in distribution: constants must be equal,
/// random tensors must have about the same spread and range. Two draws of U(-b, b) with 32 or more values have
/// standard deviations within ±15% of each other and maxima near b, so a wrong bound (e.g. 1/fan_out for
/// 1/√fan_in, or N(0,1) for U(±1/√n)) falls well outside.
/// </summary>
public static class InitComparison
{
    public const int MinCount = 32;
    public const double Tolerance = 0.15;

    /// <summary>One verdict per parameter of either side; <c>Alike</c> false marks a difference.</summary>
    public static IReadOnlyList<(string Name, bool Alike, string Verdict)> Compare(IReadOnlyDictionary<string, ParamSummary> ours, IReadOnlyDictionary<string, ParamSummary> theirs)
    {
        var result = new List<(string, bool, string)>();
        foreach (var name in ours.Keys.Union(theirs.Keys).Order(StringComparer.Ordinal))
        {
            if (!ours.TryGetValue(name, out var o)) { result.Add((name, false, "missing in SamRl")); continue; }
            if (!theirs.TryGetValue(name, out var t)) { result.Add((name, false, "missing in the authors' code")); continue; }
            if (o.Count != t.Count) { result.Add((name, false, $"{o.Count} values in SamRl, {t.Count} in the authors' code")); continue; }
            if (t.Std == 0 && o.Std == 0)
            {
                bool same = Math.Abs(o.Mean - t.Mean) <= 1e-12 * Math.Max(1, Math.Abs(t.Mean));
                result.Add((name, same, same ? "same constant" : Say($"constant {o.Mean:G6} in SamRl, {t.Mean:G6} in the authors' code")));
                continue;
            }
            if (o.Count < MinCount) { result.Add((name, true, $"random, too few values to compare ({o.Count})")); continue; }
            bool alike = Near(o.Std, t.Std) && Near(o.MaxAbs, t.MaxAbs);
            result.Add((name, alike, Say($"std {o.Std:G3} vs {t.Std:G3}, max |x| {o.MaxAbs:G3} vs {t.MaxAbs:G3}")));
        }
        return result;
    }

    private static bool Near(double a, double b) => b > 0 && Math.Abs(a / b - 1) <= Tolerance;

    private static string Say(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
