namespace SamRl.Training.Tests;

/// <summary>Small configurations and temporary run roots for trainer tests.</summary>
internal static class TrainerFixture
{
    /// <summary>Catch 5×5 with small agents: an episode is 4 frames, a test run a few seconds.</summary>
    public static A3CConfig Catch(string agent = "lstm", string mode = A3CConfig.Hogwild, long frames = 4000, int workers = 2) => new()
    {
        Env = "catch",
        Agent = agent,
        Mode = mode,
        FrameSkip = 1,
        Workers = workers,
        Frames = frames,
        LstmHidden = 32,
        StmLstmHidden = 32,
        StmSlots = 2,
        StmSlotSize = 8,
        StmRelSize = 8,
        StmOutAttSize = 8,
        StmMlpSize = 16,
        MlpHidden = 32,
        RolloutSteps = 5,
        Lr = 1e-3,
        LogEvery = 10,
        Window = 100,
    };

    public static string TempRoot()
    {
        var dir = Path.Combine(Path.GetTempPath(), "samrl-a3c-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
