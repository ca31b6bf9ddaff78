using SamRl.Envs.Spaces;

namespace SamRl.Envs;

/// <summary>
/// A Gymnasium-style environment with discrete actions.
/// Observations are borrowed: the arrays inside an <see cref="Observation"/> stay valid until the next
/// <see cref="Reset"/> or <see cref="Step"/> on the same environment; call <see cref="Observation.Clone"/> to keep one.
/// Borrowing lets the emulator and every wrapper reuse their buffers, so stepping allocates nothing.
/// </summary>
public interface IEnv : IDisposable
{
    Discrete ActionSpace { get; }

    Box ObservationSpace { get; }

    /// <summary>ALE names of the actions, e.g. NOOP, FIRE, RIGHT, LEFT, RIGHTFIRE, LEFTFIRE for Pong.</summary>
    IReadOnlyList<string> ActionMeanings { get; }

    /// <summary>The innermost environment, below every wrapper.</summary>
    IEnv Unwrapped { get; }

    /// <summary>Starts a new episode. A seed re-seeds every random source in the stack; null continues the current streams.</summary>
    (Observation Observation, Info Info) Reset(int? seed = null);

    /// <summary>
    /// Advances one step. With <paramref name="observe"/> false the observation may be left empty
    /// (<see cref="Observation.IsEmpty"/>); frame-skipping wrappers use that for frames nobody looks at,
    /// and can still ask for the current observation with <see cref="Observe"/>.
    /// </summary>
    StepResult Step(int action, bool observe = true);

    /// <summary>The observation of the current state (what the last Step would have returned with observe true).</summary>
    Observation Observe();

    /// <summary>The current screen as a new 210x160x3 (height, width, RGB) byte array.</summary>
    byte[] Render();
}
