using SamRl.Torch.NN;

namespace SamRl.Torch.Tests.NN;

public class MaxPool2ReluTests
{
    private static (double[] y, double[] dx) Reference(Tensor x, Tensor dy)
    {
        using var scope = torch.NewDisposeScope();
        var xr = x.detach().clone().requires_grad_();
        var y = F.max_pool2d(xr, 2).relu();
        y.mul(dy).sum().backward();
        return (y.detach().data<double>(), xr.grad!.data<double>());
    }

    [Theory]
    [InlineData(2, 3, 8, 8)]
    [InlineData(1, 2, 9, 7)]   // odd sizes: the last row and column are dropped and get no gradient
    [InlineData(3, 1, 2, 2)]
    public void EqualsMaxPoolThenReluValueAndGradient(int n, int c, int h, int w)
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(4);
        var x = torch.randn([n, c, h, w], g, ScalarType.Float64);
        var dy = torch.randn([n, c, h / 2, w / 2], g, ScalarType.Float64);
        var (yRef, dxRef) = Reference(x, dy);
        var xf = x.detach().clone().requires_grad_();
        var y = F.max_pool2_relu(xf);
        y.mul(dy).sum().backward();
        Assert.Equal(yRef, y.detach().data<double>());
        Assert.Equal(dxRef, xf.grad!.data<double>());
    }

    [Fact]
    public void TiesGoToTheFirstMaximumAsInMaxPool()
    {
        // Flat regions (Pong's background) give exact ties; max_pool2d sends the gradient to the first in row-major order.
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, 1, 1, 1, 2, 0, 2, 2, 0, 3, 0, 3, 5, 5, 4, 5 }, 1, 1, 4, 4);
        var dy = torch.tensor(new double[] { 1, 2, 3, 4 }, 1, 1, 2, 2);
        var (yRef, dxRef) = Reference(x, dy);
        var xf = x.detach().clone().requires_grad_();
        var y = F.max_pool2_relu(xf);
        y.mul(dy).sum().backward();
        Assert.Equal(yRef, y.detach().data<double>());
        Assert.Equal(dxRef, xf.grad!.data<double>());
    }

    [Fact]
    public void NegativeWindowsAreCutByTheReluAndNonCpuLayoutsStillWork()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(9);
        var x = torch.randn([1, 2, 6, 6], g).sub(5);                // all negative: output 0, gradient 0
        var xf = x.detach().clone().requires_grad_();
        var y = F.max_pool2_relu(xf);
        Assert.Equal(0.0, y.abs().max().item());
        y.sum().backward();
        Assert.Equal(0.0, xf.grad!.abs().max().item());
        // A transposed (non-contiguous) input takes the ATen path and gives the same numbers.
        var t = torch.randn([1, 2, 6, 6], g, ScalarType.Float64).transpose(2, 3);
        Assert.True(F.max_pool2_relu(t).equal(F.max_pool2d(t, 2).relu()));
        Assert.Throws<TorchException>(() => F.max_pool2_relu(torch.zeros([2, 2])));
    }
}
