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
        // The resolved path names the library file, so one look at it covers the file name too.
        bool openBlas = real.Contains("openblas", StringComparison.OrdinalIgnoreCase);
        bool optimized = openBlas || real.Contains("blis", StringComparison.Ordinal) || real.Contains("mkl", StringComparison.Ordinal);
        return new Result(openBlas ? "OpenBLAS" : optimized ? name : "reference BLAS (netlib)", real, !optimized);
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
