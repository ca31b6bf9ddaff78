namespace SamRl.Envs.Wrappers;

/// <summary>Which raw frames <see cref="MaxAndSkip"/> takes the pixel-wise maximum of (Atari objects flicker between frames).</summary>
public enum MaxPooling
{
    /// <summary>No pooling: the observation is the last frame of the block.</summary>
    None,

    /// <summary>The last two frames of the block (stable-baselines3 / CleanRL).</summary>
    LastTwo,

    /// <summary>
    /// The authors' code (dgriff777/rl_a3c_pytorch): a deque of the last three raw frames, cleared only on reset,
    /// so with skip 1 or 2 the maximum reaches back into earlier agent steps.
    /// </summary>
    AuthorsDeque3,
}
