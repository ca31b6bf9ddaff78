namespace SamRl.Training.Tests;

/// <summary>Small configurations and temporary run roots for trainer tests.</summary>
internal static class TrainerFixture
{
    /// <summary>Catch 5×5 with small agents: an episode is 4 frames, a test run a few seconds.</summary>
    public static A3CConfig Catch(string agent = "lstm", string mode = A3CConfig.Hogwild, long frames = 4000, int workers = 2) =>
        Small("catch", agent, frames, 1e-3, window: 100, workers) with { Mode = mode, LstmHidden = 32, MlpHidden = 32, RolloutSteps = 5, LogEvery = 10 };

    /// <summary>A vector environment with small agents (LSTM 64, a tiny STM, MLP 64), 20-step rollouts, seed 1.</summary>
    public static A3CConfig Small(string env, string agent, long frames, double lr, int window, int workers = 2) => new()
    {
        Env = env,
        Agent = agent,
        FrameSkip = 1,
        Workers = workers,
        Frames = frames,
        LstmHidden = 64,
        StmLstmHidden = 32,
        StmSlots = 2,
        StmSlotSize = 8,
        StmRelSize = 8,
        StmOutAttSize = 8,
        StmMlpSize = 16,
        MlpHidden = 64,
        RolloutSteps = 20,
        Lr = lr,
        LogEvery = 50,
        Window = window,
        Seed = 1,
    };

    public static string TempRoot()
    {
        var dir = Path.Combine(Path.GetTempPath(), "samrl-a3c-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
