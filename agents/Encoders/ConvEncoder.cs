using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Agents;

/// <summary>
/// The conv encoder of the authors' agent (A3CSAM, and upstream A3Clstm): four blocks Conv → MaxPool(2) → ReLU,
/// Conv(C→32, k5, p2), Conv(32→32, k5, p1), Conv(32→64, k4, p1), Conv(64→64, k3, p1); a 1×80×80 (or 84×84) frame
/// becomes 64×4×4 = 1024 features.
/// </summary>
public sealed class ConvEncoder : Encoder
{
    private readonly Conv2d _conv1, _conv2, _conv3, _conv4;

    public ConvEncoder(long channels, long height, long width, Generator? generator = null)
        : base([channels, height, width])
    {
        if (channels <= 0 || height < 32 || width < 32)
            throw new ArgumentException($"ConvEncoder needs an image of at least 32×32 with channels first, got [{channels}, {height}, {width}]");
        _conv1 = new Conv2d(channels, 32, 5, stride: 1, padding: 2, generator: generator);
        _conv2 = new Conv2d(32, 32, 5, stride: 1, padding: 1, generator: generator);
        _conv3 = new Conv2d(32, 64, 4, stride: 1, padding: 1, generator: generator);
        _conv4 = new Conv2d(64, 64, 3, stride: 1, padding: 1, generator: generator);
        Layers = [("conv1", _conv1), ("conv2", _conv2), ("conv3", _conv3), ("conv4", _conv4)];
        OutputSize = 64 * Side(height) * Side(width);
    }

    public override long OutputSize { get; }

    public override IReadOnlyList<(string Name, Module Layer)> Layers { get; }

    public override Tensor Forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        // relu(maxpool(conv(x))) as the reference writes it, the pool and ReLU fused (F.max_pool2_relu: libtorch's own
        // CPU max pool cost as much as the four convolutions).
        var h = F.max_pool2_relu(_conv1.forward(x));
        h = F.max_pool2_relu(_conv2.forward(h));
        h = F.max_pool2_relu(_conv3.forward(h));
        h = F.max_pool2_relu(_conv4.forward(h));
        return scope.MoveToOuter(h.reshape(x.size(0), OutputSize));
    }

    // The spatial size after the four blocks: conv keeps (k5 p2), shrinks by 2 (k5 p1), by 1 (k4 p1), keeps (k3 p1); pools halve.
    private static long Side(long n) => (((((n / 2) - 2) / 2) - 1) / 2) / 2;
}
