namespace SamRl.Torch.NN;

/// <summary>Weight initialisers (torch.nn.init), all in place under no-grad.</summary>
public static class init
{
    public static (long fanIn, long fanOut) calculate_fan_in_and_fan_out(Tensor t)
    {
        var s = t.shape;
        if (s.Length < 2) throw new ArgumentException($"fan in/out needs a tensor with at least 2 dims, got [{string.Join(", ", s)}]");
        long receptive = 1;
        for (int i = 2; i < s.Length; i++) receptive *= s[i];
        return (s[1] * receptive, s[0] * receptive);
    }

    public static double calculate_gain(string nonlinearity, double param = 0.01) => nonlinearity switch
    {
        "linear" or "conv1d" or "conv2d" or "sigmoid" => 1.0,
        "tanh" => 5.0 / 3,
        "relu" => Math.Sqrt(2.0),
        "leaky_relu" => Math.Sqrt(2.0 / (1 + param * param)),
        "selu" => 3.0 / 4,
        _ => throw new ArgumentException($"unknown nonlinearity '{nonlinearity}'"),
    };

    public static Tensor uniform_(Tensor t, double a = 0, double b = 1, Generator? generator = null)
    {
        using var ng = torch.no_grad();
        return t.uniform_(a, b, generator);
    }

    public static Tensor normal_(Tensor t, double mean = 0, double std = 1, Generator? generator = null)
    {
        using var ng = torch.no_grad();
        return t.normal_(mean, std, generator);
    }

    public static Tensor constant_(Tensor t, double value)
    {
        using var ng = torch.no_grad();
        return t.fill_(value);
    }

    public static Tensor zeros_(Tensor t) => constant_(t, 0);
    public static Tensor ones_(Tensor t) => constant_(t, 1);

    /// <summary>Glorot uniform: U(±gain·√(6/(fan_in+fan_out))).</summary>
    public static Tensor xavier_uniform_(Tensor t, double gain = 1, Generator? generator = null)
    {
        var (fi, fo) = calculate_fan_in_and_fan_out(t);
        double a = gain * Math.Sqrt(6.0 / (fi + fo));
        return uniform_(t, -a, a, generator);
    }

    public static Tensor xavier_normal_(Tensor t, double gain = 1, Generator? generator = null)
    {
        var (fi, fo) = calculate_fan_in_and_fan_out(t);
        return normal_(t, 0, gain * Math.Sqrt(2.0 / (fi + fo)), generator);
    }

    public static Tensor kaiming_uniform_(Tensor t, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu", Generator? generator = null)
    {
        double bound = Math.Sqrt(3.0) * KaimingStd(t, a, mode, nonlinearity);
        return uniform_(t, -bound, bound, generator);
    }

    public static Tensor kaiming_normal_(Tensor t, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu", Generator? generator = null) =>
        normal_(t, 0, KaimingStd(t, a, mode, nonlinearity), generator);

    private static double KaimingStd(Tensor t, double a, string mode, string nonlinearity)
    {
        var (fi, fo) = calculate_fan_in_and_fan_out(t);
        long fan = mode switch { "fan_in" => fi, "fan_out" => fo, _ => throw new ArgumentException($"mode must be fan_in or fan_out, got '{mode}'") };
        return calculate_gain(nonlinearity, a) / Math.Sqrt(fan);
    }

    /// <summary>PyTorch's default for Linear and Conv: weight kaiming_uniform(a=√5), i.e. U(±1/√fan_in); bias U(±1/√fan_in).</summary>
    public static void default_linear_(Tensor weight, Tensor? bias, Generator? generator = null)
    {
        kaiming_uniform_(weight, Math.Sqrt(5), generator: generator);
        if (bias is null) return;
        var (fi, _) = calculate_fan_in_and_fan_out(weight);
        double bound = fi > 0 ? 1 / Math.Sqrt(fi) : 0;
        uniform_(bias, -bound, bound, generator);
    }
}
