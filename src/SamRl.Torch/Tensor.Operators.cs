namespace SamRl.Torch;

public sealed partial class Tensor
{
    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    public static Tensor operator -(Tensor a) => a.neg();

    public static Tensor operator +(Tensor a, double s) => a.add(s);
    public static Tensor operator -(Tensor a, double s) => a.sub(s);
    public static Tensor operator *(Tensor a, double s) => a.mul(s);
    public static Tensor operator /(Tensor a, double s) => a.div(s);
    public static Tensor operator +(double s, Tensor a) => a.add(s);
    public static Tensor operator -(double s, Tensor a) => a.rsub(s);
    public static Tensor operator *(double s, Tensor a) => a.mul(s);
    public static Tensor operator /(double s, Tensor a) => a.rdiv(s);
}
