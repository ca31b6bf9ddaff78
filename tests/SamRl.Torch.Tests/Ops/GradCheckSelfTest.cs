using SamRl.Torch;

namespace SamRl.Torch.Tests.Ops;

public class GradCheckSelfTest
{
    [Fact]
    public void CatchesAWrongGradient()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 0.5, -1.5, 2.0 }, 3);
        // x * detach(x): autograd sees only one factor, so its gradient is half the true one.
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GradCheck.Assert(t => t[0] * t[0].detach(), [x]));
    }
}
