namespace SamRl.Cli.Tests;

/// <summary>Every bad input: exactly one stderr line "samrl: ..." naming the problem, and a non-zero exit code (2 for usage).</summary>
[Collection(ConsoleCollection.Name)]
public class CliErrorTests
{
    private static void AssertUsageError(CliRunner.Result r, string mentions, int expectedCode = 2)
    {
        Assert.True(r.ExitCode == expectedCode, $"exit code {r.ExitCode}, expected {expectedCode}; stderr: {r.Err}");
        var lines = r.ErrLines;
        Assert.True(lines.Length == 1, $"expected one stderr line, got {lines.Length}:\n{r.Err}");
        Assert.StartsWith("samrl: ", lines[0]);
        Assert.Contains(mentions, lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void UnknownTaskName() =>
        AssertUsageError(CliRunner.Run("task", "no-such-task", "--iterations", "1"), "no-such-task");

    [Fact]
    public void MissingTaskName() =>
        AssertUsageError(CliRunner.Run("task"), "task");

    [Fact]
    public void UnknownModel() =>
        AssertUsageError(CliRunner.Run("task", "copy", "--model", "transformer", "--iterations", "1"), "transformer");

    [Fact]
    public void ZeroIterations() =>
        AssertUsageError(CliRunner.Run("task", "copy", "--model", "lstm", "--iterations", "0"), "--iterations");

    // cuda:99 is absent on any machine, GPU or not, so these hold in CI and on a workstation alike.
    [Fact]
    public void TaskOnAbsentCudaDevice() =>
        AssertUsageError(CliRunner.Run("task", "copy", "--model", "lstm", "--iterations", "1", "--device", "cuda:99"), "CUDA device");

    [Fact]
    public void BenchOnAbsentCudaDevice() =>
        AssertUsageError(CliRunner.Run("bench", "stm", "--device", "cuda:99"), "CUDA device");

    [Fact]
    public void DoctorParityOnAbsentCudaDevice() =>
        AssertUsageError(CliRunner.Run("doctor", "--device", "cuda:99"), "CUDA device");

    [Fact]
    public void UnknownDevice() =>
        AssertUsageError(CliRunner.Run("bench", "stm", "--device", "tpu"), "tpu");

    [Fact]
    public void BenchPeerMissingFolder() =>
        AssertUsageError(CliRunner.Run("bench", "stm", "--peer", Path.Combine(Path.GetTempPath(), "samrl-no-sam-" + Guid.NewGuid().ToString("N"))), "--peer");

    [Fact]
    public void BenchPeerInProcess() =>
        AssertUsageError(CliRunner.Run("bench", "stm", "--peer", Path.GetTempPath(), "--in-process"), "--in-process");

    [Fact]
    public void ParityWithoutPeer() =>
        AssertUsageError(CliRunner.Run("bench", "parity"), "--peer");

    [Fact]
    public void ParityOfAnUnknownConfig() =>
        AssertUsageError(CliRunner.Run("bench", "parity", "--peer", Path.GetTempPath(), "--configs", "gru-copy"), "gru-copy");

    [Fact]
    public void ParityWithANegativeBound() =>
        AssertUsageError(CliRunner.Run("bench", "parity", "--peer", Path.GetTempPath(), "--bound", "-1"), "--bound");

    [Fact]
    public void ParityFromAnUnknownStart() =>
        AssertUsageError(CliRunner.Run("bench", "parity", "--peer", Path.GetTempPath(), "--start", "theirs"), "--start");

    [Fact]
    public void ResumeMissingFolder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "samrl-cli-tests-missing-" + Guid.NewGuid().ToString("N"));
        AssertUsageError(CliRunner.Run("task", "--resume", missing), "cannot resume");
    }

    [Fact]
    public void ResumeWithConfigFlag()
    {
        var missing = Path.Combine(Path.GetTempPath(), "samrl-cli-tests-missing-" + Guid.NewGuid().ToString("N"));
        AssertUsageError(CliRunner.Run("task", "--resume", missing, "--batch", "8"), "--batch");
    }

    [Fact]
    public void ResumeWithBadLearningRate() =>
        AssertUsageError(CliRunner.Run("task", "--resume", "runs/whatever", "--lr", "0"), "--lr must be positive");

    [Fact]
    public void MalformedLrSteps() =>
        AssertUsageError(CliRunner.Run("task", "copy", "--lr-steps", "100"), "--lr-steps: '100' is not ITER:LR");

    [Fact]
    public void TaskTestMissingFolder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "samrl-no-such-run-" + Guid.NewGuid().ToString("N"));
        AssertUsageError(CliRunner.Run("task", "test", missing), "cannot test");
    }

    [Fact]
    public void UnknownEnvironmentId() =>
        AssertUsageError(CliRunner.Run("envs", "check", "no-such-env", "--episodes", "1", "--skips", "4"), "no-such-env");

    [Fact]
    public void NegativeFrameSkip() =>
        AssertUsageError(CliRunner.Run("envs", "check", "pong", "--episodes", "1", "--skips", "1,-4"), "-4");

    [Fact]
    public void NonNumericFrameSkip() =>
        AssertUsageError(CliRunner.Run("envs", "check", "pong", "--episodes", "1", "--skips", "fast"), "fast");

    [Fact]
    public void ZeroEpisodes() =>
        AssertUsageError(CliRunner.Run("envs", "check", "pong", "--episodes", "0"), "--episodes");

    [Fact]
    public void BenchTorchZeroThreads() =>
        AssertUsageError(CliRunner.Run("bench", "torch", "--threads", "0"), "--threads");

    [Fact]
    public void NonNumericIterations() =>
        AssertUsageError(CliRunner.Run("task", "copy", "--iterations", "abc"), "abc");

    [Fact]
    public void UnknownOption() =>
        AssertUsageError(CliRunner.Run("task", "copy", "--no-such-option", "1"), "--no-such-option");

    [Fact]
    public void MissingSubcommand() =>
        AssertUsageError(CliRunner.Run("bench"), "samrl bench --help");
}
