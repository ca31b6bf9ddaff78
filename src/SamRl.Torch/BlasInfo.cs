namespace SamRl.Torch;

/// <summary>Which BLAS library the process actually loaded (read from /proc/self/maps after libtorch is up).</summary>
public static class BlasInfo
{
    public sealed record Result(string Name, string Path, bool IsReference);

    public static Result Detect()
    {
        _ = torch.Version; // make sure libtorch (and with it the BLAS) is loaded
        string? found = null;
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                int slash = line.IndexOf('/');
                if (slash < 0) continue;
                var path = line[slash..];
                var file = System.IO.Path.GetFileName(path);
                if (file.Contains("openblas", StringComparison.OrdinalIgnoreCase) || file.Contains("libblis", StringComparison.Ordinal) ||
                    file.Contains("mkl", StringComparison.Ordinal) || file.StartsWith("libblas", StringComparison.Ordinal))
                {
                    found = path;
                    if (!file.StartsWith("libblas", StringComparison.Ordinal)) break;
                }
            }
        }
        catch (IOException)
        {
            return new Result("unknown (no /proc/self/maps)", "", false);
        }
        if (found == null) return new Result("none found (libtorch may use its own or MKL statically)", "", false);
        var real = ResolveLinks(found);
        var name = System.IO.Path.GetFileName(real);
        bool reference = !(name.Contains("openblas", StringComparison.OrdinalIgnoreCase) || name.Contains("blis", StringComparison.Ordinal) || name.Contains("mkl", StringComparison.Ordinal))
                         && !real.Contains("openblas", StringComparison.OrdinalIgnoreCase) && !real.Contains("blis", StringComparison.Ordinal);
        return new Result(reference ? "reference BLAS (netlib)" : name.Contains("openblas", StringComparison.OrdinalIgnoreCase) || real.Contains("openblas", StringComparison.OrdinalIgnoreCase) ? "OpenBLAS" : name, real, reference);
    }

    private static string ResolveLinks(string path)
    {
        try
        {
            var info = new FileInfo(path);
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            return target?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }
}
