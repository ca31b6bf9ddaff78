using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SamRl.Torch.Native;

/// <summary>
/// Finds libsamtorch.so: SAMRL_SAMTORCH (a file path) first, then next to this assembly, then the
/// repository's build folder, so tests, the CLI and benchmarks all load the same freshly built shim.
/// </summary>
internal static class NativeLoader
{
    internal const string LibName = "samtorch";

    // A library module initializer is the one place that runs before any P/Invoke into the shim.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLoader).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != LibName) return IntPtr.Zero;
        foreach (var candidate in Candidates())
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle)) return handle;
        }
        throw new DllNotFoundException(
            "libsamtorch.so not found or not loadable (searched: " + string.Join(", ", Candidates()) +
            "). Build it with `bash samrl build` (needs libtorch-dev), or point SAMRL_SAMTORCH at the file.");
    }

    private static IEnumerable<string> Candidates()
    {
        var env = Environment.GetEnvironmentVariable("SAMRL_SAMTORCH");
        if (!string.IsNullOrEmpty(env)) yield return env;
        var here = Path.GetDirectoryName(typeof(NativeLoader).Assembly.Location) ?? AppContext.BaseDirectory;
        yield return Path.Combine(here, "libsamtorch.so");
        for (var dir = new DirectoryInfo(here); dir != null; dir = dir.Parent)
        {
            var built = Path.Combine(dir.FullName, "build", "samtorch", "libsamtorch.so");
            if (File.Exists(built)) { yield return built; break; }
        }
    }
}
