using System.Numerics;

namespace SamRl.Envs.Wrappers;

/// <summary>An owned copy of one observation (bytes or floats), reused from step to step.</summary>
internal sealed class FrameBuffer
{
    private byte[] bytes = [];
    private float[] floats = [];
    private int[] shape = [];
    private DType dtype;

    public Observation AsObservation() => dtype == DType.UInt8 ? new Observation(bytes, shape) : new Observation(floats, shape);

    public void CopyFrom(Observation source)
    {
        Prepare(source);
        if (dtype == DType.UInt8)
        {
            source.ByteSpan.CopyTo(bytes);
        }
        else
        {
            source.FloatSpan.CopyTo(floats);
        }
    }

    /// <summary>This buffer becomes the element-wise maximum of a and b (same type and shape).</summary>
    public void MaxOf(Observation a, Observation b)
    {
        if (a.DType != b.DType || a.Length != b.Length)
        {
            throw new InvalidOperationException("cannot max-pool observations of different types or sizes");
        }

        Prepare(a);
        if (dtype == DType.UInt8)
        {
            Max(a.ByteSpan, b.ByteSpan, bytes);
        }
        else
        {
            Max(a.FloatSpan, b.FloatSpan, floats);
        }
    }

    private void Prepare(Observation like)
    {
        dtype = like.DType;
        if (!shape.AsSpan().SequenceEqual(like.Shape))
        {
            shape = (int[])like.Shape.Clone();
        }

        if (dtype == DType.UInt8 && bytes.Length != like.Length)
        {
            bytes = new byte[like.Length];
        }
        else if (dtype == DType.Float32 && floats.Length != like.Length)
        {
            floats = new float[like.Length];
        }
    }

    private static void Max<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination)
        where T : unmanaged, INumber<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            for (; i <= a.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                Vector.Max(new Vector<T>(a[i..]), new Vector<T>(b[i..])).CopyTo(destination[i..]);
            }
        }

        for (; i < a.Length; i++)
        {
            destination[i] = T.Max(a[i], b[i]);
        }
    }
}
