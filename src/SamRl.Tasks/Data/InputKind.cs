namespace SamRl.Tasks.Data;

/// <summary>What a step of input holds.</summary>
public enum InputKind
{
    /// <summary>A float vector of <see cref="SequenceBatch.InputSize"/> features per step.</summary>
    Dense,

    /// <summary>
    /// One token id per step, in [0, <see cref="SequenceBatch.InputSize"/>). Ids rather than one-hots
    /// because the authors embed them (nn.Embedding) before the memory core.
    /// </summary>
    Tokens,
}
