using SamRl.Envs.Spaces;
using SamRl.Envs.Wrappers;

namespace SamRl.Envs.Memory;

/// <summary>
/// A delayed-recall probe: each step shows a random bit (one-hot [0, 1]); from step <see cref="Delay"/> on, the agent's
/// action is scored against the bit shown <see cref="Delay"/> steps before (+1 when equal, 0 otherwise), for
/// <see cref="Scored"/> scored steps. The return is the number recalled (random: Scored / 2); the bits are
/// independent, so only a memory of the last <see cref="Delay"/> observations beats chance.
/// </summary>
public sealed class RecallEnv : IEnv
{
    public static readonly IReadOnlyList<string> Meanings = ["SAY-0", "SAY-1"];

    private const ulong Stream = 0x52434C4C; // "RCLL"
    private readonly float[] _obs = new float[2];
    private readonly int[] _shape = [2];
    private readonly List<int> _bits = [];
    private Random? _rng;
    private bool _over = true;
    private long _totalSteps;

    public RecallEnv(int delay, int scored = 16)
    {
        if (delay < 1 || delay > 1000) throw new ArgumentException($"recall delay must be between 1 and 1000, got {delay}");
        if (scored < 1) throw new ArgumentException($"recall needs at least one scored step, got {scored}");
        Delay = delay;
        Scored = scored;
        ActionSpace = new Discrete(2);
        ObservationSpace = new Box(0, 1, _shape, DType.Float32);
    }

    public int Delay { get; }

    public int Scored { get; }

    public Discrete ActionSpace { get; }

    public Box ObservationSpace { get; }

    public IReadOnlyList<string> ActionMeanings => Meanings;

    public IEnv Unwrapped => this;

    public (Observation Observation, Info Info) Reset(int? seed = null)
    {
        _rng = Seeding.Reseed(_rng, seed, Stream);
        _bits.Clear();
        _bits.Add(_rng.Next(2));
        _over = false;
        return (Observe(), Info());
    }

    public StepResult Step(int action, bool observe = true)
    {
        if ((uint)action >= 2) throw new ArgumentOutOfRangeException(nameof(action), action, "recall has actions 0 and 1");
        if (_over) return new StepResult(Observe(), 0, true, false, Info());
        int t = _bits.Count - 1; // the step being answered: the bit just shown is _bits[t]
        float reward = t >= Delay && action == _bits[t - Delay] ? 1 : 0;
        _totalSteps++;
        bool terminated = t + 1 >= Delay + Scored;
        _over = terminated;
        if (!terminated) _bits.Add(_rng!.Next(2));
        return new StepResult(observe ? Observe() : Observation.Empty, reward, terminated, false, Info());
    }

    public Observation Observe()
    {
        Array.Clear(_obs);
        _obs[_bits[^1]] = 1;
        return new Observation(_obs, _shape);
    }

    /// <summary>The bits shown so far as a strip of cells (white 1, grey 0), the newest on the right.</summary>
    public byte[] Render()
    {
        var screen = new byte[210 * 160 * 3];
        int n = Math.Min(_bits.Count, 32);
        for (int k = 0; k < n; k++)
        {
            byte v = _bits[_bits.Count - n + k] == 1 ? (byte)236 : (byte)80;
            for (int y = 100; y < 110; y++)
                for (int x = k * 5; x < (k * 5) + 4; x++)
                {
                    int i = ((y * 160) + x) * 3;
                    (screen[i], screen[i + 1], screen[i + 2]) = (v, v, v);
                }
        }

        return screen;
    }

    public void Dispose()
    {
    }

    private Info Info() => new(0, _bits.Count - 1, _totalSteps);
}
