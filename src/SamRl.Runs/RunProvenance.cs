using System.Diagnostics;
using System.Globalization;
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

    /// <summary>`git rev-parse HEAD` in the current folder, else beside the executable, else "unknown".</summary>
    public static string GitCommit()
    {
        foreach (var folder in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            var commit = GitCommitIn(folder);
            if (commit is not null) return commit;
        }

        return "unknown";
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
