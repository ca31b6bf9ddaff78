using System.Reflection;
using System.Runtime.InteropServices;

namespace SamRl.Envs.Ale;

/// <summary>
/// Finds and loads the samale shim: $SAMRL_ALE_SHIM (a file), next to the assembly, or the repository's
/// build/native/ale folder (where the SamRl.Envs build puts it when ALE_DIR is set).
/// </summary>
public static class AleLibrary
{
    public const string FileName = "libsamale.so";
    public const string ShimVariable = "SAMRL_ALE_SHIM";
    public const string NotBuiltMessage = "ALE shim not built: set ALE_DIR to an ALE install and rebuild (or SAMRL_ALE_SHIM to a built libsamale.so)";

    private static readonly Lazy<(nint Handle, string? Error)> Loaded = new(Load);
    private static int resolverInstalled;

    /// <summary>Whether the shim is loadable; otherwise <paramref name="reason"/> says why, in one line.</summary>
    public static bool TryLoad(out string reason)
    {
        EnsureResolver();
        var (handle, error) = Loaded.Value;
        reason = error ?? string.Empty;
        return handle != 0;
    }

    /// <summary>Throws <see cref="AleUnavailableException"/> unless the shim is loadable.</summary>
    public static void EnsureLoaded()
    {
        if (!TryLoad(out string reason))
        {
            throw new AleUnavailableException(reason);
        }
    }

    /// <summary>The ALE version the shim was built against, e.g. "0.12.1".</summary>
    public static unsafe string Version()
    {
        EnsureLoaded();
        byte* buffer = stackalloc byte[64];
        AleNative.Version(buffer, 64);
        return AleNative.Utf8(buffer);
    }

    /// <summary>Candidate paths, in search order.</summary>
    public static IEnumerable<string> Candidates()
    {
        string? explicitPath = Environment.GetEnvironmentVariable(ShimVariable);
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            yield return explicitPath;
            yield break;
        }

        string? assemblyDir = Path.GetDirectoryName(typeof(AleLibrary).Assembly.Location);
        foreach (string? dir in new[] { AppContext.BaseDirectory, assemblyDir })
        {
            if (!string.IsNullOrEmpty(dir))
            {
                yield return Path.Combine(dir, FileName);
            }
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "build", "native", "ale", FileName);
            if (File.Exists(candidate))
            {
                yield return candidate;
                yield break;
            }
        }
    }

    private static (nint, string?) Load()
    {
        string? explicitPath = Environment.GetEnvironmentVariable(ShimVariable);
        if (!string.IsNullOrWhiteSpace(explicitPath) && !File.Exists(explicitPath))
        {
            return (0, $"{ShimVariable}={explicitPath} does not exist; {NotBuiltMessage}");
        }

        foreach (string path in Candidates())
        {
            if (!File.Exists(path))
            {
                continue;
            }

            if (NativeLibrary.TryLoad(path, out nint handle))
            {
                return (handle, null);
            }

            try
            {
                NativeLibrary.Load(path);
            }
            catch (Exception e)
            {
                return (0, $"cannot load the ALE shim {path}: {FirstLine(e.Message)} (is ALE's libale.so still where the shim was built against?)");
            }
        }

        return (0, NotBuiltMessage);
    }

    private static void EnsureResolver()
    {
        if (Interlocked.Exchange(ref resolverInstalled, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(AleLibrary).Assembly, Resolve);
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == AleNative.Library ? Loaded.Value.Handle : 0;

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
