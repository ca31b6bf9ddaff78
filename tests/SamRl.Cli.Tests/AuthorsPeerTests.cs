using SamRl.Cli.Peer;

namespace SamRl.Cli.Tests;

/// <summary>
/// `bench stm --peer` plumbing, with a stand-in for Python (a shell script) and an empty SAM layout: CI has neither
/// PyTorch for Python nor the authors' code. The driver itself was run against the real checkout (README, "Speed").
/// </summary>
public sealed class AuthorsPeerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "samrl-peer-tests-" + Guid.NewGuid().ToString("N"));
    private readonly string _sam;

    public AuthorsPeerTests()
    {
        _sam = Path.Combine(_dir, "SAM");
        Directory.CreateDirectory(Path.Combine(_sam, "baselines", "sam"));
        Directory.CreateDirectory(Path.Combine(_sam, "baselines", "nvm"));
        File.WriteAllText(Path.Combine(_sam, "baselines", "sam", "stm_basic.py"), "");
        File.WriteAllText(Path.Combine(_sam, "baselines", "nvm", "lstm_baseline.py"), "");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A fake interpreter: runs <paramref name="body"/> with the driver's arguments as $@.</summary>
    private string FakePython(string body)
    {
        string path = Path.Combine(_dir, "python-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public void RunPassesTheConfigurationAndHoldsBlasAtOneThread()
    {
        // Echoes what it was asked, so the test sees the arguments and the environment the driver gets.
        var python = FakePython("""
            case "$*" in *--check*) echo 'PEER-ROW {"torch": "9.9-fake"}'; exit 0;; esac
            while [ $# -gt 0 ]; do case "$1" in --config) c=$2;; --threads) t=$2;; --iterations) n=$2;; esac; shift; done
            echo "noise before the row"
            echo "PEER-ROW {\"config\": \"$c\", \"threads\": $t, \"median_ms\": 1500.5, \"min_ms\": $n, \"cpu_ms\": 1400, \"peak_rss_bytes\": 2000000000, \"peak_device_bytes\": -1, \"parameters\": ${OPENBLAS_NUM_THREADS}${MKL_NUM_THREADS}, \"torch\": \"9.9-fake\"}"
            """);
        using var peer = AuthorsPeer.Open(_sam, python);
        Assert.Equal("9.9-fake", peer.Check());
        var row = peer.Run("stm-nfar", threads: 2, iterations: 7, device: "cpu");
        Assert.Equal(("stm-nfar", 2, 1500.5, 7.0, 1400.0, 2_000_000_000L), (row.Config, row.Threads, row.MedianMs, row.MinMs, row.CpuMs, row.PeakRssBytes));
        Assert.Equal(11, row.Parameters); // OPENBLAS_NUM_THREADS=1 and MKL_NUM_THREADS=1, concatenated
    }

    [Fact]
    public void ParityPassesTheStartAndReadsTheLosses()
    {
        // Answers with the start's path length as the last loss, so the test sees that --parity got the file.
        var python = FakePython("""
            while [ $# -gt 0 ]; do case "$1" in --parity) p=$2;; --iterations) n=$2;; esac; shift; done
            echo "PEER-ROW {\"config\": \"stm-nfar\", \"losses\": [2.0802299976348877, $n, ${#p}], \"init\": {\"alpha10\": [1, 0, 0, 0], \"fc.weight\": [96, 0.01, 0.5, 0.9]}, \"torch\": \"x\"}"
            """);
        using var peer = AuthorsPeer.Open(_sam, python);
        string start = Path.Combine(_dir, "start.safetensors");
        var run = peer.Parity("stm-nfar", 3, start);
        Assert.Equal([2.0802299976348877, 3, start.Length], run.Losses);
        Assert.Equal(new ParamSummary(1, 0, 0, 0), run.Init["alpha10"]);
        Assert.Equal(new ParamSummary(96, 0.01, 0.5, 0.9), run.Init["fc.weight"]);
    }

    [Fact]
    public void ExportAsksForTheConfigThePathAndTheDtype()
    {
        // Writes its arguments where the start would go, so the test reads back what the driver was asked.
        var python = FakePython("""
            while [ $# -gt 0 ]; do case "$1" in --config) c=$2;; --export) p=$2;; --dtype) d=$2;; esac; shift; done
            echo "$c $d" > "$p"
            echo 'PEER-ROW {"config": "x", "torch": "x"}'
            """);
        using var peer = AuthorsPeer.Open(_sam, python);
        string path = Path.Combine(_dir, "theirs.safetensors");
        peer.Export("stm-ar30", path, "float64");
        Assert.Equal("stm-ar30 float64", File.ReadAllText(path).Trim());
    }

    [Fact]
    public void AFailedRunReportsThePythonError()
    {
        var python = FakePython("""
            case "$*" in *--check*) echo 'PEER-ROW {"torch": "x"}'; exit 0;; esac
            echo "Traceback (most recent call last):" >&2
            echo "RuntimeError: [enforce fail at alloc_cpu.cpp:75] not enough memory" >&2
            exit 1
            """);
        using var peer = AuthorsPeer.Open(_sam, python);
        var e = Assert.Throws<PeerFailedException>(() => peer.Run("stm-copy", 1, 1, "cpu"));
        Assert.Contains("exit code 1", e.Message);
        Assert.Contains("not enough memory", e.Message);
    }

    [Fact]
    public void AKilledRunSaysSo()
    {
        // What the OOM killer does to their copy config in float64 on a small machine.
        using var peer = AuthorsPeer.Open(_sam, FakePython("""echo "UserWarning: nn.functional.tanh is deprecated" >&2; kill -9 $$"""));
        Assert.Contains("out of memory?", Assert.Throws<PeerFailedException>(() => peer.Parity("stm-copy", 1, "start")).Message);
    }

    [Fact]
    public void CodeThatDoesNotImportIsAUsageError()
    {
        var python = FakePython("""echo "ImportError: cannot import name 'STM' from 'baselines.sam.stm_basic'" >&2; exit 1""");
        using var peer = AuthorsPeer.Open(_sam, python);
        var e = Assert.Throws<UsageException>(() => peer.Check());
        Assert.Contains("cannot import name 'STM'", e.Message);
        Assert.Contains("checkout of github.com/thaihungle/SAM", e.Message);
    }

    [Fact]
    public void APythonWithoutTorchSaysHowToInstallIt()
    {
        using var peer = AuthorsPeer.Open(_sam, FakePython("""echo "ModuleNotFoundError: No module named 'torch'" >&2; exit 1"""));
        Assert.Contains("python3-torch", Assert.Throws<UsageException>(() => peer.Check()).Message);
    }

    [Fact]
    public void AMissingInterpreterIsAUsageError()
    {
        using var peer = AuthorsPeer.Open(_sam, Path.Combine(_dir, "no-such-python"));
        Assert.Contains("not found", Assert.Throws<UsageException>(() => peer.Check()).Message);
    }

    [Fact]
    public void AFolderWithoutTheAuthorsFilesIsRefused()
    {
        File.Delete(Path.Combine(_sam, "baselines", "nvm", "lstm_baseline.py"));
        Assert.Contains("lstm_baseline.py", Assert.Throws<UsageException>(() => AuthorsPeer.Open(_sam, "python3")).Message);
        Assert.Contains("no folder", Assert.Throws<UsageException>(() => AuthorsPeer.Open(Path.Combine(_dir, "absent"), "python3")).Message);
    }

    [Fact]
    public void TheDriverIsEmbeddedAndRemovedAfterUse()
    {
        var peer = AuthorsPeer.Open(_sam, "python3");
        string driver = peer.DriverPath;
        Assert.Contains("PEER-ROW", File.ReadAllText(driver));
        peer.Dispose();
        Assert.False(File.Exists(driver));
    }
}
