using SamRl.Torch.Native;
using static SamRl.Torch.Native.OpCodes;

namespace SamRl.Torch;

public sealed partial class Tensor
{
    private Tensor U(Unary op) => new(LibSamTorch.st_unary((int)op, Handle));
    private Tensor B(Binary op, Tensor other) => new(LibSamTorch.st_binary((int)op, Handle, other.Handle));

    // Integer tensors keep their dtype with whole-number scalars, as Python ints do in PyTorch.
    private Tensor S(Binary op, double s)
    {
        int isInt = !DTypes.IsFloating(dtype) && Math.Floor(s) == s ? 1 : 0;
        return new(LibSamTorch.st_binary_scalar((int)op, Handle, s, isInt));
    }

    public Tensor neg() => U(Unary.Neg);
    public Tensor abs() => U(Unary.Abs);
    public Tensor exp() => U(Unary.Exp);
    public Tensor log() => U(Unary.Log);
    public Tensor sqrt() => U(Unary.Sqrt);
    public Tensor rsqrt() => U(Unary.Rsqrt);
    public Tensor tanh() => U(Unary.Tanh);
    public Tensor sigmoid() => U(Unary.Sigmoid);
    public Tensor relu() => U(Unary.Relu);
    public Tensor sin() => U(Unary.Sin);
    public Tensor cos() => U(Unary.Cos);
    public Tensor sign() => U(Unary.Sign);
    public Tensor floor() => U(Unary.Floor);
    public Tensor ceil() => U(Unary.Ceil);
    public Tensor round() => U(Unary.Round);
    public Tensor logical_not() => U(Unary.LogicalNot);
    public Tensor square() => U(Unary.Square);
    public Tensor reciprocal() => U(Unary.Reciprocal);
    public Tensor log1p() => U(Unary.Log1p);
    public Tensor expm1() => U(Unary.Expm1);
    public Tensor softplus() => U(Unary.Softplus);
    public Tensor gelu() => U(Unary.Gelu);
    public Tensor erf() => U(Unary.Erf);
    public Tensor isnan() => U(Unary.IsNan);
    public Tensor trunc() => U(Unary.Trunc);
    public Tensor log_sigmoid() => U(Unary.LogSigmoid);
    public Tensor silu() => U(Unary.Silu);

    public Tensor add(Tensor other) => B(Binary.Add, other);
    /// <summary>this + alpha * other.</summary>
    public Tensor add(Tensor other, double alpha) => new(LibSamTorch.st_add_scaled(Handle, other.Handle, alpha));
    public Tensor sub(Tensor other) => B(Binary.Sub, other);
    public Tensor mul(Tensor other) => B(Binary.Mul, other);
    public Tensor div(Tensor other) => B(Binary.Div, other);
    public Tensor pow(Tensor other) => B(Binary.Pow, other);
    public Tensor maximum(Tensor other) => B(Binary.Maximum, other);
    public Tensor minimum(Tensor other) => B(Binary.Minimum, other);
    public Tensor eq(Tensor other) => B(Binary.Eq, other);
    public Tensor ne(Tensor other) => B(Binary.Ne, other);
    public Tensor lt(Tensor other) => B(Binary.Lt, other);
    public Tensor le(Tensor other) => B(Binary.Le, other);
    public Tensor gt(Tensor other) => B(Binary.Gt, other);
    public Tensor ge(Tensor other) => B(Binary.Ge, other);
    public Tensor logical_and(Tensor other) => B(Binary.LogicalAnd, other);
    public Tensor logical_or(Tensor other) => B(Binary.LogicalOr, other);
    public Tensor logical_xor(Tensor other) => B(Binary.LogicalXor, other);
    public Tensor remainder(Tensor other) => B(Binary.Remainder, other);
    public Tensor atan2(Tensor other) => B(Binary.Atan2, other);
    public Tensor floor_divide(Tensor other) => B(Binary.FloorDivide, other);

    public Tensor add(double s) => S(Binary.Add, s);
    public Tensor sub(double s) => S(Binary.Sub, s);
    public Tensor mul(double s) => S(Binary.Mul, s);
    public Tensor div(double s) => S(Binary.Div, s);
    public Tensor pow(double s) => S(Binary.Pow, s);
    public Tensor clamp_min(double s) => S(Binary.Maximum, s);
    public Tensor clamp_max(double s) => S(Binary.Minimum, s);
    public Tensor eq(double s) => S(Binary.Eq, s);
    public Tensor ne(double s) => S(Binary.Ne, s);
    public Tensor lt(double s) => S(Binary.Lt, s);
    public Tensor le(double s) => S(Binary.Le, s);
    public Tensor gt(double s) => S(Binary.Gt, s);
    public Tensor ge(double s) => S(Binary.Ge, s);
    public Tensor remainder(double s) => S(Binary.Remainder, s);
    public Tensor floor_divide(double s) => S(Binary.FloorDivide, s);
    /// <summary>s - this.</summary>
    public Tensor rsub(double s) => S(Binary.RSub, s);
    /// <summary>s / this.</summary>
    public Tensor rdiv(double s) => S(Binary.RDiv, s);
    /// <summary>s ** this.</summary>
    public Tensor rpow(double s) => S(Binary.RPow, s);

    public Tensor clamp(double? min = null, double? max = null) =>
        new(LibSamTorch.st_clamp(Handle, min ?? 0, max ?? 0, min.HasValue ? 1 : 0, max.HasValue ? 1 : 0));

    public Tensor softmax(long dim) => new(LibSamTorch.st_softmax(Handle, dim));
    public Tensor log_softmax(long dim) => new(LibSamTorch.st_log_softmax(Handle, dim));
    public Tensor matmul(Tensor other) => new(LibSamTorch.st_matmul(Handle, other.Handle));
    public Tensor mm(Tensor other) => new(LibSamTorch.st_mm(Handle, other.Handle));
    public Tensor bmm(Tensor other) => new(LibSamTorch.st_bmm(Handle, other.Handle));

    public Tensor where(Tensor condition, Tensor other) => new(LibSamTorch.st_where(condition.Handle, Handle, other.Handle));
    public Tensor masked_fill(Tensor mask, double value) => new(LibSamTorch.st_masked_fill(Handle, mask.Handle, value));
}
