using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;

namespace SamRl.Runs;

/// <summary>Where a run came from: versions, git commit, machine, times. config.json records these so a run can be reproduced.</summary>
public static class RunProvenance
{
    /// <summary>Now, as the run files record times: ISO 8601 UTC to the second.</summary>
    public static string UtcStamp() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The "versions" block: SamRl, the given libtorch version, .NET.</summary>
    public static JsonObject Versions(string libtorch) => new()
    {
        ["samrl"] = typeof(RunProvenance).Assembly.GetName().Version?.ToString() ?? "unknown",
        ["libtorch"] = libtorch,
        ["dotnet"] = Environment.Version.ToString(),
    };

    public static JsonObject Machine() => new()
    {
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        ["cores"] = Environment.ProcessorCount,
    };

    /// <summary>
    /// The commit this code was built from (stamped into the assembly by Directory.Build.props), else `git rev-parse
    /// HEAD` beside the executable, else "unknown". Not the current folder's: a run started elsewhere, or from a copy
    /// of the binaries, would record another repository's commit or none.
    /// </summary>
    public static string GitCommit()
    {
        var info = typeof(RunProvenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        int plus = info?.IndexOf('+') ?? -1;
        if (plus >= 0 && info!.Length - plus - 1 >= 7) return info[(plus + 1)..];
        return GitCommitIn(AppContext.BaseDirectory) ?? "unknown";
    }

    private static string? GitCommitIn(string folder)
    {
        try
        {
            var psi = new ProcessStartInfo("git", "rev-parse HEAD")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = folder,
            };
            using var p = Process.Start(psi);
            if (p is null) return null;
            var output = p.StandardOutput.ReadToEnd().Trim();
            p.StandardError.ReadToEnd();
            if (!p.WaitForExit(5000)) return null;
            return p.ExitCode == 0 && output.Length >= 7 ? output : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
