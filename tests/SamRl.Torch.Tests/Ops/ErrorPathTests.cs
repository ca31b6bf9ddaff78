using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Torch.Tests.Ops;

/// <summary>Bad input raises a clear exception carrying libtorch's message; the process lives on.</summary>
public class ErrorPathTests
{
    [Fact]
    public void ShapeMismatchRaisesTorchException()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.zeros([2, 3]);
        var b = torch.zeros([4, 5]);
        var e = Assert.Throws<TorchException>(() => a.matmul(b));
        Assert.Contains("shapes cannot be multiplied", e.Message);
        Assert.Throws<TorchException>(() => a + torch.zeros([3, 2]));
        Assert.Throws<TorchException>(() => a.view(7));
        Assert.Throws<TorchException>(() => torch.cat([a, b], 0));
        Assert.Throws<TorchException>(() => a.transpose(0, 5));
        // the library keeps working afterwards
        Assert.Equal(6, torch.ones([2, 3]).sum().item());
    }

    [Fact]
    public void WrongDtypeRaisesTorchException()
    {
        using var scope = torch.NewDisposeScope();
        var logits = torch.zeros([2, 3]);
        var floatTargets = torch.zeros([2]);
        Assert.Throws<TorchException>(() => F.cross_entropy(logits, floatTargets.to(ScalarType.Float64)));
        Assert.Throws<TorchException>(() => torch.zeros([2]).index_select(0, torch.zeros([1])));
        var ex = Assert.Throws<TorchException>(() => torch.zeros([2]).data<double>());
        Assert.Contains("Float32", ex.Message);
        Assert.Throws<TorchException>(() => torch.ones([2]).mm(torch.ones([2], ScalarType.Float64)));
    }

    [Fact]
    public void DisposedTensorUseRaisesObjectDisposed()
    {
        var t = torch.ones([2]);
        t.Dispose();
        var e = Assert.Throws<ObjectDisposedException>(() => t.sum());
        Assert.Contains("disposed", e.Message);
        t.Dispose(); // twice is harmless
        Tensor inner;
        using (torch.NewDisposeScope()) inner = torch.ones([1]);
        Assert.True(inner.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => inner.item());
    }

    [Fact]
    public void BackwardErrorsAreReported()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones([3]);
        Assert.Throws<TorchException>(() => x.sum().backward()); // no grad_fn
        var p = torch.ones([3]).requires_grad_();
        Assert.Throws<TorchException>(() => (p * 2).backward()); // non-scalar without gradient
        Assert.Throws<TorchException>(() => p.add_(1)); // in-place on a leaf that requires grad
    }

    [Fact]
    public void BadArgumentsFromCSharpAreRejected()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Throws<ArgumentException>(() => torch.tensor(new float[] { 1, 2, 3 }, 2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.zeros([2]).size(3));
        Assert.Throws<ArgumentException>(() => Device.Parse("tpu"));
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.set_num_threads(0));
    }

    // cuda:99 exists on no machine, GPU or not: named as absent with the count libtorch sees, before any tensor moves.
    [Fact]
    public void ParseAvailableRefusesAnAbsentCudaDevice()
    {
        Assert.Equal(Device.CPU, Device.ParseAvailable("cpu"));
        var e = Assert.Throws<ArgumentException>(() => Device.ParseAvailable("cuda:99"));
        Assert.Contains($"sees {torch.cuda.device_count()} CUDA device(s)", e.Message);
        Assert.Throws<ArgumentException>(() => Device.ParseAvailable("tpu"));
    }
}
