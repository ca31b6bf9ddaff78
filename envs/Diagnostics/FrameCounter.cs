using SamRl.Envs.Wrappers;

namespace SamRl.Envs.Diagnostics;

/// <summary>Counts the steps of a frame-level env, i.e. emulator frames, whatever the wrappers above do (resets' no-ops included).</summary>
public sealed class FrameCounter(IEnv env) : Wrapper(env)
{
    public long Frames { get; set; }

    public override StepResult Step(int action, bool observe = true)
    {
        Frames++;
        return Env.Step(action, observe);
    }
}
