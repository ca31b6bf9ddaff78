namespace SamRl.Envs.Diagnostics;

/// <summary>One line of <see cref="EnvBenchmark"/>: emulator frames per second, or why the case was skipped.</summary>
public sealed record BenchmarkResult(string Name, string What, double FramesPerSecond, long Frames, string? SkippedBecause = null)
{
    public bool Skipped => SkippedBecause is not null;
}
