using SamRl.Cli.Peer;
using SamRl.Torch;

namespace SamRl.Cli.Tests;

public class InitComparisonTests
{
    private static ParamSummary Uniform(long n, double bound, ulong seed)
    {
        using var g = new Generator(seed);
        using var t = torch.rand([n], g, ScalarType.Float64).mul(2 * bound).sub(bound);
        return ParamSummary.Of(t);
    }

    private static (bool Alike, string Verdict) One(ParamSummary ours, ParamSummary theirs) =>
        InitComparison.Compare(new Dictionary<string, ParamSummary> { ["w"] = ours }, new Dictionary<string, ParamSummary> { ["w"] = theirs }) is [var v] ? (v.Alike, v.Verdict) : throw new InvalidOperationException();

    [Fact]
    public void TwoDrawsOfOneUniformAreAlike() =>
        Assert.True(One(Uniform(96, 0.1, 1), Uniform(96, 0.1, 2)).Alike);

    [Fact]
    public void AWrongBoundIsCaught()
    {
        // 1/sqrt(100) against 1/sqrt(48): the bound a wrong fan-in gives.
        var (alike, verdict) = One(Uniform(4800, 0.1, 1), Uniform(4800, 1 / Math.Sqrt(48), 2));
        Assert.False(alike);
        Assert.Contains("std", verdict);
    }

    [Fact]
    public void ANormalIsNotAUniform()
    {
        using var g = new Generator(3);
        using var normal = torch.randn([3700], g, ScalarType.Float64).mul(0.1 * Math.Sqrt(1.0 / 3)); // same std as U(±0.1)
        Assert.False(One(ParamSummary.Of(normal), Uniform(3700, 0.1, 4)).Alike); // but a far larger max |x|
    }

    [Fact]
    public void ConstantsMustBeEqual()
    {
        Assert.True(One(new ParamSummary(1, 1, 0, 1), new ParamSummary(1, 1, 0, 1)).Alike);
        var (alike, verdict) = One(new ParamSummary(1, 0, 0, 0), new ParamSummary(1, 1, 0, 1));
        Assert.False(alike);
        Assert.Contains("constant 0 in SamRl, 1 in the authors' code", verdict);
    }

    [Fact]
    public void SmallRandomTensorsAndMissingOnesAreReported()
    {
        var v = InitComparison.Compare(
            new Dictionary<string, ParamSummary> { ["b"] = Uniform(8, 0.3, 1), ["only_ours"] = new(1, 0, 0, 0) },
            new Dictionary<string, ParamSummary> { ["b"] = Uniform(8, 0.3, 2), ["only_theirs"] = new(1, 0, 0, 0) });
        Assert.Equal(["b", "only_ours", "only_theirs"], v.Select(x => x.Name));
        Assert.True(v[0].Alike);
        Assert.Contains("too few", v[0].Verdict);
        Assert.Equal("missing in the authors' code", v[1].Verdict);
        Assert.Equal("missing in SamRl", v[2].Verdict);
    }
}
