using SamRl.Envs.Ale;

namespace SamRl.Envs.Tests.Ale;

public class AleAvailabilityTests
{
    [Fact]
    public void WithoutTheShimTheReasonIsOneClearLine()
    {
        if (AleLibrary.TryLoad(out _))
        {
            return; // the shim is here: nothing to check about its absence
        }

        Assert.False(AleLibrary.TryLoad(out string why));
        Assert.Contains("ALE_DIR", why);
        Assert.DoesNotContain("\n", why);
        var e = Assert.Throws<AleUnavailableException>(() => new AleEnv("/tmp/whatever.bin"));
        Assert.Contains("ALE shim not built", e.Message);
    }

    [Fact]
    public void SkipReasonIsStatedWhenAleIsMissing()
    {
        string? reason = AleFactAttribute.SkipReason();
        if (reason is not null)
        {
            Assert.Matches("ALE not available|SAMRL_TEST_ROM", reason);
        }
    }
}
