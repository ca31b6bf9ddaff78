namespace SamRl.Torch.Native;

/// <summary>Op codes of the shim's generic entry points (math.cpp, reduce.cpp, autograd.cpp); keep in sync.</summary>
internal static class OpCodes
{
    internal enum Unary { Neg, Abs, Exp, Log, Sqrt, Rsqrt, Tanh, Sigmoid, Relu, Sin, Cos, Sign, Floor, Ceil, Round, LogicalNot, Square, Reciprocal, Log1p, Expm1, Softplus, Gelu, Erf, IsNan, Trunc, LogSigmoid, Silu }

    internal enum Binary { Add, Sub, Mul, Div, Pow, Maximum, Minimum, Eq, Ne, Lt, Le, Gt, Ge, LogicalAnd, LogicalOr, Remainder, Atan2, LogicalXor, FloorDivide, RSub = 20, RDiv = 21, RPow = 22 }

    internal enum Reduce { Sum, Mean, Amax, Amin, Var, Std, LogSumExp, Norm, Prod, All, Any }

    internal enum InplaceBinary { Add, Sub, Mul, Div, Copy, Maximum }

    internal enum InplaceScalar { Add, Sub, Mul, Div, Fill, Pow, ClampMin, ClampMax }

    internal enum InplaceUnary { Zero, Sqrt, Neg, Relu, Tanh, Sigmoid, Exp, Abs }
}
