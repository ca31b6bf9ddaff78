using SamRl.Envs.Wrappers;

namespace SamRl.Envs.Memory;

/// <summary>
/// A delayed-recall probe: each step shows a random bit (one-hot [0, 1]); from step <see cref="Delay"/> on, the agent's
/// action is scored against the bit shown <see cref="Delay"/> steps before (+1 when equal, 0 otherwise), for
/// <see cref="Scored"/> scored steps. The return is the number recalled (random: Scored / 2); the bits are
/// independent, so only a memory of the last <see cref="Delay"/> observations beats chance.
/// </summary>
public sealed class RecallEnv : VectorEnv
{
    public static readonly IReadOnlyList<string> Meanings = ["SAY-0", "SAY-1"];

    private const ulong Stream = 0x52434C4C; // "RCLL"
    private readonly List<int> _bits = [];
    private Random? _rng;
    private bool _over = true;

    public RecallEnv(int delay, int scored = 16)
        : base(2, Meanings, 2, 0, 1)
    {
        if (delay < 1 || delay > 1000) throw new ArgumentException($"recall delay must be between 1 and 1000, got {delay}");
        if (scored < 1) throw new ArgumentException($"recall needs at least one scored step, got {scored}");
        Delay = delay;
        Scored = scored;
    }

    public int Delay { get; }

    public int Scored { get; }

    public override (Observation Observation, Info Info) Reset(int? seed = null)
    {
        _rng = Seeding.Reseed(_rng, seed, Stream);
        _bits.Clear();
        _bits.Add(_rng.Next(2));
        EpisodeSteps = 0;
        _over = false;
        return (Observe(), Info());
    }

    public override StepResult Step(int action, bool observe = true)
    {
        if ((uint)action >= 2) throw new ArgumentOutOfRangeException(nameof(action), action, "recall has actions 0 and 1");
        if (_over) return new StepResult(Observe(), 0, true, false, Info());
        int t = _bits.Count - 1; // the step being answered: the bit just shown is _bits[t]
        float reward = t >= Delay && action == _bits[t - Delay] ? 1 : 0;
        TotalSteps++;
        EpisodeSteps++;
        bool terminated = t + 1 >= Delay + Scored;
        _over = terminated;
        if (!terminated) _bits.Add(_rng!.Next(2));
        return new StepResult(observe ? Observe() : Observation.Empty, reward, terminated, false, Info());
    }

    public override Observation Observe()
    {
        Array.Clear(Obs);
        Obs[_bits[^1]] = 1;
        return new Observation(Obs, Shape);
    }

    /// <summary>The bits shown so far as a strip of cells (white 1, grey 0), the newest on the right.</summary>
    public override byte[] Render()
    {
        var screen = NewScreen();
        int n = Math.Min(_bits.Count, 32);
        for (int k = 0; k < n; k++)
        {
            byte v = _bits[_bits.Count - n + k] == 1 ? (byte)236 : (byte)80;
            FillRect(screen, k * 5, 100, (k * 5) + 4, 110, v, v, v);
        }

        return screen;
    }

}
