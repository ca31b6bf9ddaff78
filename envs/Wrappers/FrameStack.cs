using SamRl.Envs.Spaces;

namespace SamRl.Envs.Wrappers;

/// <summary>
/// Stacks the last K observations, oldest first, along a leading axis: [1, H, W] frames become [K, H, W]
/// (channels, as a conv net wants them); other shapes S become [K, ...S]. After a reset every slot holds
/// the reset observation. K = 1 is the authors' setting (a single 1x80x80 frame).
/// </summary>
public sealed class FrameStack : Wrapper
{
    private readonly FrameBuffer[] frames;
    private readonly int[] shape;
    private readonly int frameLength;
    private readonly DType dtype;
    private readonly byte[] bytes;
    private readonly float[] floats;
    private int newest;

    public FrameStack(IEnv env, int k)
        : base(env)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        K = k;
        Box inner = env.ObservationSpace;
        int[] innerShape = inner.Shape;
        shape = innerShape.Length > 0 && innerShape[0] == 1 ? [k, .. innerShape[1..]] : [k, .. innerShape];
        frameLength = inner.Length;
        dtype = inner.DType;
        frames = new FrameBuffer[k];
        for (int i = 0; i < k; i++)
        {
            frames[i] = new FrameBuffer();
        }

        bytes = dtype == DType.UInt8 ? new byte[k * frameLength] : [];
        floats = dtype == DType.Float32 ? new float[k * frameLength] : [];
        ObservationSpace = new Box(inner.Low, inner.High, shape, dtype);
    }

    public int K { get; }

    public override Box ObservationSpace { get; }

    public override (Observation Observation, Info Info) Reset(int? seed = null)
    {
        var (observation, info) = Env.Reset(seed);
        foreach (FrameBuffer f in frames)
        {
            f.CopyFrom(observation);
        }

        newest = K - 1;
        return (Stack(), info);
    }

    // Every frame enters the stack, so the inner env is always observed.
    public override StepResult Step(int action, bool observe = true)
    {
        StepResult r = Env.Step(action, true);
        newest = (newest + 1) % K;
        frames[newest].CopyFrom(r.Observation);
        return r with { Observation = Stack() };
    }

    public override Observation Observe() => Stack();

    private Observation Stack()
    {
        for (int i = 0; i < K; i++)
        {
            Observation f = frames[(newest + 1 + i) % K].AsObservation();
            if (dtype == DType.UInt8)
            {
                f.ByteSpan.CopyTo(bytes.AsSpan(i * frameLength, frameLength));
            }
            else
            {
                f.FloatSpan.CopyTo(floats.AsSpan(i * frameLength, frameLength));
            }
        }

        return dtype == DType.UInt8 ? new Observation(bytes, shape) : new Observation(floats, shape);
    }
}
