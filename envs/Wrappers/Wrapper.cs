using SamRl.Envs.Spaces;

namespace SamRl.Envs.Wrappers;

/// <summary>Base of every wrapper: forwards everything to the wrapped env; subclasses override what they change.</summary>
public abstract class Wrapper : IEnv
{
    protected Wrapper(IEnv env)
    {
        ArgumentNullException.ThrowIfNull(env);
        Env = env;
    }

    /// <summary>The environment this wrapper wraps.</summary>
    public IEnv Env { get; }

    public virtual Discrete ActionSpace => Env.ActionSpace;

    public virtual Box ObservationSpace => Env.ObservationSpace;

    public virtual IReadOnlyList<string> ActionMeanings => Env.ActionMeanings;

    public IEnv Unwrapped => Env.Unwrapped;

    public virtual (Observation Observation, Info Info) Reset(int? seed = null) => Env.Reset(seed);

    public virtual StepResult Step(int action, bool observe = true) => Env.Step(action, observe);

    public virtual Observation Observe() => Env.Observe();

    public virtual byte[] Render() => Env.Render();

    public virtual void Dispose()
    {
        Env.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The first wrapper of type T in the stack, from the outside in, or null.</summary>
    public static T? Find<T>(IEnv env)
        where T : class, IEnv
    {
        for (IEnv? e = env; e is not null; e = (e as Wrapper)?.Env)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
