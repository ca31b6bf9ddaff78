namespace SamRl.Training;

/// <summary>
/// What one environment did in one rollout, as plain arrays (serialisable: the actor/learner boundary). T steps,
/// T ≤ the rollout length; a rollout ends early where its episode ends, as in the reference, so it never spans
/// two episodes.
/// <list type="bullet">
/// <item><see cref="Observations"/>: T+1 observations s_0..s_T, row-major, each <see cref="ObservationLength"/> floats;
/// s_T is the state after the last step (its value bootstraps the return unless <see cref="Terminated"/>).</item>
/// <item><see cref="Actions"/>, <see cref="Rewards"/> (clipped, as trained on), <see cref="BehaviourLogProbs"/>
/// (log μ(a_t) of the policy that acted, for V-trace): T each.</item>
/// <item><see cref="Initial"/>: the recurrent state before step 0, or null when the rollout starts an episode (the
/// agent's initial state is then rebuilt from its parameters, so gradients reach the learned initial memory).</item>
/// </list>
/// </summary>
public sealed class Rollout
{
    public required int Actor { get; init; }

    /// <summary>Which weights acted: the learner's update count when the actor last refreshed them.</summary>
    public required long PolicyVersion { get; init; }

    public required float[] Observations { get; init; }

    public required int[] ObservationShape { get; init; }

    public required int[] Actions { get; init; }

    public required float[] Rewards { get; init; }

    public required float[] BehaviourLogProbs { get; init; }

    public required bool Terminated { get; init; }

    public StateSnapshot? Initial { get; init; }

    public int Length => Actions.Length;

    public int ObservationLength => Observations.Length / (Length + 1);

    /// <summary>Observations the update must encode: all T+1, or T when the last step ended the game (no bootstrap).</summary>
    public int FramesNeeded => Terminated ? Length : Length + 1;
}
