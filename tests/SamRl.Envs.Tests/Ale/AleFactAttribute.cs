using SamRl.Envs.Ale;

namespace SamRl.Envs.Tests.Ale;

/// <summary>
/// A fact that runs only where the ALE shim is built and a test ROM is named by SAMRL_TEST_ROM
/// (ALE's own free tests/resources/tetris.bin); elsewhere, as in CI, it is skipped with the reason.
/// </summary>
public sealed class AleFactAttribute : FactAttribute
{
    public const string RomVariable = "SAMRL_TEST_ROM";

    public AleFactAttribute()
    {
        string? reason = SkipReason();
        if (reason is not null)
        {
            Skip = reason;
        }
    }

    public static string RomPath => Environment.GetEnvironmentVariable(RomVariable)!;

    public static string? SkipReason()
    {
        if (!AleLibrary.TryLoad(out string why))
        {
            return $"ALE not available: {why}";
        }

        string? rom = Environment.GetEnvironmentVariable(RomVariable);
        if (string.IsNullOrWhiteSpace(rom) || !File.Exists(rom))
        {
            return $"{RomVariable} is not set to a ROM file (e.g. ALE's tests/resources/tetris.bin)";
        }

        return null;
    }
}
