namespace SamRl.Envs.Wrappers;

/// <summary>
/// Frame skip: one agent step repeats the action for <see cref="Skip"/> raw frames, sums their rewards
/// and observes a max-pool of the last frames (see <see cref="MaxPooling"/>). Skip 0 and skip 1 both mean
/// every frame (the paper's "0-frame skip"; the authors' code crashes on 0). The step stops at the first
/// frame that ends the episode, even inside a block. Frames no one looks at are stepped with observe false,
/// so an emulator that renders lazily skips drawing them.
/// </summary>
public sealed class MaxAndSkip : Wrapper
{
    private readonly FrameBuffer previous = new();
    private readonly FrameBuffer pooled = new();
    private readonly FrameBuffer[] history = [new(), new(), new()];
    private int historyCount;
    private int historyNext;
    private Observation lastOutput;

    public MaxAndSkip(IEnv env, int skip, MaxPooling pooling = MaxPooling.LastTwo)
        : base(env)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        Skip = Math.Max(skip, 1);
        Pooling = pooling;
    }

    /// <summary>Raw frames per agent step (at least 1).</summary>
    public int Skip { get; }

    public MaxPooling Pooling { get; }

    public override (Observation Observation, Info Info) Reset(int? seed = null)
    {
        var (observation, info) = Env.Reset(seed);
        historyCount = historyNext = 0;
        if (Pooling == MaxPooling.AuthorsDeque3)
        {
            Remember(observation);
        }

        lastOutput = observation;
        return (observation, info);
    }

    public override StepResult Step(int action, bool observe = true)
    {
        // The deque outlives the step, so it must see its frames even when this step's observation is not wanted.
        bool deque = Pooling == MaxPooling.AuthorsDeque3;
        int firstObserved = Skip - (Pooling switch { MaxPooling.LastTwo => 2, MaxPooling.AuthorsDeque3 => 3, _ => 1 });
        float reward = 0;
        int previousIndex = -1;
        StepResult result = default;
        int i = 0;
        for (; i < Skip; i++)
        {
            bool wanted = (observe || deque) && i >= firstObserved;
            result = Env.Step(action, wanted);
            reward += result.Reward;
            if (result.Done)
            {
                break;
            }

            if (wanted && i < Skip - 1)
            {
                if (deque)
                {
                    Remember(result.Observation);
                }
                else
                {
                    previous.CopyFrom(result.Observation);
                    previousIndex = i;
                }
            }
        }

        int last = Math.Min(i, Skip - 1);
        if (!observe && !deque)
        {
            lastOutput = Observation.Empty;
            return result with { Reward = reward, Observation = Observation.Empty };
        }

        Observation frame = result.Observation.IsEmpty ? Env.Observe() : result.Observation;
        Observation output;
        if (deque)
        {
            Remember(frame);
            output = MaxOfHistory();
        }
        else if (Pooling == MaxPooling.LastTwo && previousIndex >= 0 && previousIndex == last - 1)
        {
            pooled.MaxOf(previous.AsObservation(), frame);
            output = pooled.AsObservation();
        }
        else
        {
            output = frame;
        }

        lastOutput = observe ? output : Observation.Empty;
        return result with { Reward = reward, Observation = lastOutput };
    }

    /// <summary>The pooled observation of the last step when it was observed; otherwise the current raw frame.</summary>
    public override Observation Observe() => lastOutput.IsEmpty ? Env.Observe() : lastOutput;

    private void Remember(Observation frame)
    {
        history[historyNext].CopyFrom(frame);
        historyNext = (historyNext + 1) % history.Length;
        historyCount = Math.Min(historyCount + 1, history.Length);
    }

    private Observation MaxOfHistory()
    {
        int newest = (historyNext + history.Length - 1) % history.Length;
        if (historyCount == 1)
        {
            return history[newest].AsObservation();
        }

        pooled.MaxOf(history[newest].AsObservation(), history[(newest + history.Length - 1) % history.Length].AsObservation());
        if (historyCount == 3)
        {
            pooled.MaxOf(pooled.AsObservation(), history[(newest + 1) % history.Length].AsObservation());
        }

        return pooled.AsObservation();
    }
}
