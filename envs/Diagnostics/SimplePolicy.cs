namespace SamRl.Envs.Diagnostics;

/// <summary>The baseline policies of pong-facts.md section 5.</summary>
public enum SimplePolicy
{
    /// <summary>Always action 0.</summary>
    Noop,

    /// <summary>Uniform over the action set, from the policy's own RNG.</summary>
    Random,
}
