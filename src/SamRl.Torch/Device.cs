namespace SamRl.Torch;

/// <summary>Where a tensor lives: "cpu", "cuda", "cuda:1".</summary>
public readonly record struct Device(DeviceType type, int index = 0)
{
    public static readonly Device CPU = new(DeviceType.CPU);
    public static Device CUDA(int index = 0) => new(DeviceType.CUDA, index);

    /// <summary>Parses "cpu", "cuda" or "cuda:N".</summary>
    public static Device Parse(string s)
    {
        var t = s.Trim().ToLowerInvariant();
        if (t == "cpu") return CPU;
        if (t == "cuda") return CUDA();
        if (t.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(t[5..], out int i) && i >= 0) return CUDA(i);
        throw new ArgumentException($"unknown device '{s}': use cpu, cuda or cuda:N");
    }

    /// <summary>
    /// <see cref="Parse"/>, and the device must be there: a CUDA index beyond what this libtorch sees (a CPU build, or
    /// no GPU) is an error now rather than a failure at the first tensor moved there.
    /// </summary>
    public static Device ParseAvailable(string s)
    {
        var d = Parse(s);
        if (d.type != DeviceType.CUDA) return d;
        int n = torch.cuda.device_count();
        if (d.index >= n)
            throw new ArgumentException($"device '{s}': this libtorch sees {n} CUDA device(s) (a CPU build or no GPU); use cpu, or see `samrl doctor`");
        return d;
    }

    public override string ToString() => type == DeviceType.CPU ? "cpu" : $"cuda:{index}";
}
