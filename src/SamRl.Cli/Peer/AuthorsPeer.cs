using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SamRl.Cli.Peer;

/// <summary>The authors' code ran but failed (their error's last line, or "killed"): a failure of that run, not of SamRl.</summary>
public sealed class PeerFailedException(string message) : Exception(message);

/// <summary>The authors' side of a parity run: each iteration's loss, and their own initialisation in brief.</summary>
public sealed record ParityRun(IReadOnlyList<double> Losses, IReadOnlyDictionary<string, ParamSummary> Init);

/// <summary>One timing of the authors' code, as printed by the embedded driver (authors_iteration.py).</summary>
public sealed record PeerRow(
    [property: JsonPropertyName("config")] string Config,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("median_ms")] double MedianMs,
    [property: JsonPropertyName("min_ms")] double MinMs,
    [property: JsonPropertyName("cpu_ms")] double CpuMs,
    [property: JsonPropertyName("peak_rss_bytes")] long PeakRssBytes,
    [property: JsonPropertyName("peak_device_bytes")] long PeakDeviceBytes,
    [property: JsonPropertyName("parameters")] long Parameters,
    [property: JsonPropertyName("torch")] string Torch);

/// <summary>
/// Runs the authors' PyTorch code (a SAM checkout the user points to) through SamRl's own timing driver, one
/// configuration per Python process, so `samrl bench stm --peer` prints ratios measured in the same run, on the same
/// machine, with the same thread settings. The driver is embedded in this assembly; the authors' code is never shipped.
/// </summary>
public sealed class AuthorsPeer : IDisposable
{
    private const string RowPrefix = "PEER-ROW ";
    private static readonly string[] TaskFiles = ["baselines/sam/stm_basic.py", "baselines/nvm/lstm_baseline.py"];

    /// <summary>The A3C driver's resource name and the authors' files it imports (`bench a3c --peer`).</summary>
    public static readonly (string Driver, string[] Files) A3C = ("authors_a3c.py", ["baselines/sam/a3c.py", "baselines/sam/stm_rl.py", "baselines/sam/utils.py"]);

    private readonly string _samDir;
    private readonly string _python;
    private readonly string _driver;

    private AuthorsPeer(string samDir, string python, string driver)
    {
        _samDir = samDir;
        _python = python;
        _driver = driver;
    }

    /// <summary>The driver written for this peer (deleted by <see cref="Dispose"/>).</summary>
    public string DriverPath => _driver;

    /// <summary>Checks the checkout and writes the driver to a temporary file; a bad path is a <see cref="UsageException"/>.</summary>
    public static AuthorsPeer Open(string samDir, string python) => Open(samDir, python, ("authors_iteration.py", TaskFiles));

    /// <summary>As <see cref="Open(string, string)"/>, with another embedded driver and the authors' files it needs.</summary>
    public static AuthorsPeer Open(string samDir, string python, (string Driver, string[] Files) kind)
    {
        var (resource, requiredFiles) = kind;
        string dir = Path.GetFullPath(samDir);
        if (!Directory.Exists(dir)) throw new UsageException($"--peer: no folder '{samDir}'; pass the root of a checkout of github.com/thaihungle/SAM");
        foreach (var f in requiredFiles)
            if (!File.Exists(Path.Combine(dir, f)))
                throw new UsageException($"--peer: '{samDir}' has no {f}; pass the root of a checkout of github.com/thaihungle/SAM");
        string driver = Path.Combine(Path.GetTempPath(), $"samrl-{Path.GetFileNameWithoutExtension(resource)}-{Environment.ProcessId}-{Guid.NewGuid():N}.py");
        using (var src = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
                         ?? throw new InvalidOperationException("the peer timing driver is missing from samrl's assembly"))
        using (var dst = File.Create(driver))
            src.CopyTo(dst);
        return new AuthorsPeer(dir, python, driver);
    }

    /// <summary>Imports PyTorch and the authors' modules once, so a missing piece is reported before any timing starts.</summary>
    public string Check()
    {
        string json;
        try { json = Launch("--check"); }
        catch (PeerFailedException e)
        {
            throw new UsageException($"--peer: the authors' code does not import: {e.Message}; is '{_samDir}' a checkout of github.com/thaihungle/SAM?");
        }
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("torch").GetString() ?? "?";
    }

    /// <summary>
    /// Times one configuration of the authors' code in a fresh Python process (so its peak RSS is its own).
    /// Throws <see cref="PeerFailedException"/> with the driver's last error line when it fails.
    /// </summary>
    public PeerRow Run(string config, int threads, int iterations, string device)
    {
        // BLAS's own pool held at 1, as on SamRl's side: only the intra-op threads differ between rows.
        string json = Launch("--config", config, "--threads", Str(threads), "--iterations", Str(iterations), "--device", device);
        return JsonSerializer.Deserialize<PeerRow>(json) ?? throw new InvalidOperationException($"the authors' code printed no timing for {config}");
    }

    /// <summary>
    /// Steps the authors' model from the start <c>samrl bench parity</c> wrote (weights and batch) and returns each
    /// iteration's loss, with a summary of each parameter as their code initialised it before the start replaced it. Throws <see cref="PeerFailedException"/> with their last error line when it fails, e.g.
    /// when a weight name or shape does not match their module.
    /// </summary>
    public ParityRun Parity(string config, int iterations, string startPath)
    {
        using var doc = JsonDocument.Parse(Launch("--config", config, "--iterations", Str(iterations), "--parity", startPath));
        var root = doc.RootElement;
        var losses = root.GetProperty("losses").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var init = new Dictionary<string, ParamSummary>();
        if (root.TryGetProperty("init", out var stats))
            foreach (var p in stats.EnumerateObject())
            {
                var v = p.Value.EnumerateArray().Select(e => e.GetDouble()).ToArray();
                init[p.Name] = new ParamSummary((long)v[0], v[1], v[2], v[3]);
            }
        return new ParityRun(losses, init);
    }

    /// <summary>
    /// Has the authors' code write its own start for <paramref name="config"/> to <paramref name="path"/>: the model
    /// as their code initialises it (their module names) and a batch from their RNG, in <paramref name="dtype"/>
    /// (float32 or float64). SamRl then loads it, e.g. through <c>StmCell.LoadStateDict</c>.
    /// </summary>
    public void Export(string config, string path, string dtype) =>
        Launch("--config", config, "--export", path, "--dtype", dtype);

    /// <summary>Runs the driver with BLAS held at one thread and returns the JSON of its result line.</summary>
    public string Launch(params string[] args)
    {
        var psi = new ProcessStartInfo(_python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(_driver);
        psi.ArgumentList.Add("--sam");
        psi.ArgumentList.Add(_samDir);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["OPENBLAS_NUM_THREADS"] = "1";
        psi.Environment["MKL_NUM_THREADS"] = "1";
        Process p;
        try
        {
            p = Process.Start(psi) ?? throw new UsageException($"--python: could not start '{_python}'");
        }
        catch (Win32Exception e)
        {
            throw new UsageException($"--python: cannot run '{_python}' ({e.NativeErrorCode switch { 2 => "not found", 13 => "permission denied", _ => "error " + e.NativeErrorCode }}); install Python 3 with PyTorch (Debian: apt-get install python3-torch) or pass --python");
        }
        using (p)
        {
            var stderr = p.StandardError.ReadToEndAsync();
            string? json = null, line;
            while ((line = p.StandardOutput.ReadLine()) != null)
                if (line.StartsWith(RowPrefix, StringComparison.Ordinal)) json = line[RowPrefix.Length..];
            p.WaitForExit();
            if (p.ExitCode == 0 && json is not null) return json;
            // 137 = SIGKILL, in practice the kernel's OOM killer: their copy config needs ~8 GB in float32, twice that in float64.
            string why = p.ExitCode == 137 ? "killed (signal 9; out of memory?)" : LastLine(stderr.Result);
            if (why.Contains("No module named 'torch'", StringComparison.Ordinal))
                throw new UsageException($"--peer: '{_python}' has no PyTorch; install it (Debian: apt-get install python3-torch) or pass --python");
            throw new PeerFailedException($"exit code {p.ExitCode}: {why}");
        }
    }

    /// <summary>Removes the temporary driver file.</summary>
    public void Dispose()
    {
        try { File.Delete(_driver); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no error output)";

    private static string Str(int v) => v.ToString(CultureInfo.InvariantCulture);
}
