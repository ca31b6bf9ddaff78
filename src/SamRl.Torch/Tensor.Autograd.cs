using SamRl.Torch.Native;
using static SamRl.Torch.Native.OpCodes;

namespace SamRl.Torch;

public sealed partial class Tensor
{
    public bool requires_grad
    {
        get => LibSamTorch.st_requires_grad(Handle) != 0;
        set => LibSamTorch.Check(LibSamTorch.st_set_requires_grad(Handle, value ? 1 : 0));
    }

    public Tensor requires_grad_(bool on = true)
    {
        requires_grad = on;
        return this;
    }

    public bool is_leaf => LibSamTorch.st_is_leaf(Handle) != 0;

    /// <summary>The accumulated gradient, or null. Each read is a new handle (dispose it or use a scope).</summary>
    public unsafe Tensor? grad
    {
        get
        {
            IntPtr g;
            LibSamTorch.Check(LibSamTorch.st_grad(Handle, &g));
            return g == IntPtr.Zero ? null : new Tensor(g);
        }
        set => LibSamTorch.Check(LibSamTorch.st_set_grad(Handle, value?.Handle ?? IntPtr.Zero));
    }

    public void backward(Tensor? gradient = null, bool retain_graph = false) =>
        LibSamTorch.Check(LibSamTorch.st_backward(Handle, gradient?.Handle ?? IntPtr.Zero, retain_graph ? 1 : 0));

    public Tensor detach() => new(LibSamTorch.st_detach(Handle));

    // In-place updates: return this so calls chain as in PyTorch.
    public Tensor add_(Tensor other, double alpha = 1) { LibSamTorch.Check(LibSamTorch.st_inplace_binary((int)InplaceBinary.Add, Handle, other.Handle, alpha)); return this; }
    public Tensor sub_(Tensor other, double alpha = 1) { LibSamTorch.Check(LibSamTorch.st_inplace_binary((int)InplaceBinary.Sub, Handle, other.Handle, alpha)); return this; }
    public Tensor mul_(Tensor other) { LibSamTorch.Check(LibSamTorch.st_inplace_binary((int)InplaceBinary.Mul, Handle, other.Handle, 1)); return this; }
    public Tensor div_(Tensor other) { LibSamTorch.Check(LibSamTorch.st_inplace_binary((int)InplaceBinary.Div, Handle, other.Handle, 1)); return this; }
    public Tensor copy_(Tensor src) { LibSamTorch.Check(LibSamTorch.st_inplace_binary((int)InplaceBinary.Copy, Handle, src.Handle, 1)); return this; }
    /// <summary>this = max(this, other) elementwise (torch.maximum(..., out=this)).</summary>
    public Tensor maximum_(Tensor other) { LibSamTorch.Check(LibSamTorch.st_inplace_binary((int)InplaceBinary.Maximum, Handle, other.Handle, 1)); return this; }
    public Tensor add_(double s) { LibSamTorch.Check(LibSamTorch.st_inplace_scalar((int)InplaceScalar.Add, Handle, s)); return this; }
    public Tensor sub_(double s) { LibSamTorch.Check(LibSamTorch.st_inplace_scalar((int)InplaceScalar.Sub, Handle, s)); return this; }
    public Tensor mul_(double s) { LibSamTorch.Check(LibSamTorch.st_inplace_scalar((int)InplaceScalar.Mul, Handle, s)); return this; }
    public Tensor div_(double s) { LibSamTorch.Check(LibSamTorch.st_inplace_scalar((int)InplaceScalar.Div, Handle, s)); return this; }
    public Tensor fill_(double s) { LibSamTorch.Check(LibSamTorch.st_inplace_scalar((int)InplaceScalar.Fill, Handle, s)); return this; }
    public Tensor pow_(double s) { LibSamTorch.Check(LibSamTorch.st_inplace_scalar((int)InplaceScalar.Pow, Handle, s)); return this; }
    public Tensor clamp_(double? min = null, double? max = null)
    {
        if (min.HasValue) LibSamTorch.Check(LibSamTorch.st_inplace_scalar((int)InplaceScalar.ClampMin, Handle, min.Value));
        if (max.HasValue) LibSamTorch.Check(LibSamTorch.st_inplace_scalar((int)InplaceScalar.ClampMax, Handle, max.Value));
        return this;
    }
    public Tensor zero_() { LibSamTorch.Check(LibSamTorch.st_inplace_unary((int)InplaceUnary.Zero, Handle)); return this; }
    public Tensor sqrt_() { LibSamTorch.Check(LibSamTorch.st_inplace_unary((int)InplaceUnary.Sqrt, Handle)); return this; }
    public Tensor neg_() { LibSamTorch.Check(LibSamTorch.st_inplace_unary((int)InplaceUnary.Neg, Handle)); return this; }
    public Tensor relu_() { LibSamTorch.Check(LibSamTorch.st_inplace_unary((int)InplaceUnary.Relu, Handle)); return this; }
    public Tensor tanh_() { LibSamTorch.Check(LibSamTorch.st_inplace_unary((int)InplaceUnary.Tanh, Handle)); return this; }
    public Tensor sigmoid_() { LibSamTorch.Check(LibSamTorch.st_inplace_unary((int)InplaceUnary.Sigmoid, Handle)); return this; }
    public Tensor exp_() { LibSamTorch.Check(LibSamTorch.st_inplace_unary((int)InplaceUnary.Exp, Handle)); return this; }
    public Tensor abs_() { LibSamTorch.Check(LibSamTorch.st_inplace_unary((int)InplaceUnary.Abs, Handle)); return this; }
    /// <summary>this += value * t1 * t2.</summary>
    public Tensor addcmul_(Tensor t1, Tensor t2, double value = 1) { LibSamTorch.Check(LibSamTorch.st_addcmul_(Handle, t1.Handle, t2.Handle, value)); return this; }
    /// <summary>this += value * t1 / t2.</summary>
    public Tensor addcdiv_(Tensor t1, Tensor t2, double value = 1) { LibSamTorch.Check(LibSamTorch.st_addcdiv_(Handle, t1.Handle, t2.Handle, value)); return this; }
    public Tensor uniform_(double from = 0, double to = 1, Generator? generator = null) { LibSamTorch.Check(LibSamTorch.st_init_(Handle, 0, from, to, generator?.Handle ?? IntPtr.Zero)); return this; }
    public Tensor normal_(double mean = 0, double std = 1, Generator? generator = null) { LibSamTorch.Check(LibSamTorch.st_init_(Handle, 1, mean, std, generator?.Handle ?? IntPtr.Zero)); return this; }

    public unsafe bool equal(Tensor other)
    {
        int r;
        LibSamTorch.Check(LibSamTorch.st_equal(Handle, other.Handle, &r));
        return r != 0;
    }

    public unsafe bool allclose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
    {
        int r;
        LibSamTorch.Check(LibSamTorch.st_allclose(Handle, other.Handle, rtol, atol, &r));
        return r != 0;
    }
}
