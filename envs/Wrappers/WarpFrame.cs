using System.Numerics;
using SamRl.Envs.Spaces;

namespace SamRl.Envs.Wrappers;

/// <summary>
/// Crop, gray and resize a screen into a float32 [1, H, W] image (the authors' AtariRescale, or SB3's
/// WarpFrame, see <see cref="WarpFrameOptions"/>). Accepts [H, W, 3] RGB, [H, W, 1] or [H, W] gray bytes.
/// </summary>
public sealed class WarpFrame : Wrapper
{
    private readonly int sourceHeight;
    private readonly int sourceWidth;
    private readonly int channels;
    private readonly int top;
    private readonly int left;
    private readonly int cropHeight;
    private readonly int cropWidth;
    private readonly ResampleTaps rows;
    private readonly ResampleTaps columns;
    private readonly float[] gray;
    private readonly float[] horizontal;
    private readonly float[] output;
    private readonly int[] shape;

    // Set when the resize is an exact integer box (e.g. the authors' 160x160 -> 80x80): a fused, vectorised path.
    private readonly int boxRows;
    private readonly int boxColumns;
    private readonly ushort[] rowSums;

    public WarpFrame(IEnv env, WarpFrameOptions? options = null)
        : base(env)
    {
        Options = options ?? WarpFrameOptions.Authors80;
        int[] inShape = env.ObservationSpace.Shape;
        if (env.ObservationSpace.DType != DType.UInt8 || inShape.Length is < 2 or > 3 || (inShape.Length == 3 && inShape[2] is not (1 or 3)))
        {
            throw new ArgumentException($"WarpFrame needs a byte screen [H, W, 3|1] or [H, W]; got {env.ObservationSpace}");
        }

        sourceHeight = inShape[0];
        sourceWidth = inShape[1];
        channels = inShape.Length == 3 ? inShape[2] : 1;
        top = Options.CropTop;
        left = Options.CropLeft;
        int bottom = Options.CropBottom == 0 ? sourceHeight : Options.CropBottom;
        int right = Options.CropRight == 0 ? sourceWidth : Options.CropRight;
        if (top < 0 || left < 0 || bottom > sourceHeight || right > sourceWidth || bottom <= top || right <= left)
        {
            throw new ArgumentException($"crop rows [{top}, {bottom}) x columns [{left}, {right}) does not fit a {sourceHeight}x{sourceWidth} screen");
        }

        cropHeight = bottom - top;
        cropWidth = right - left;
        rows = ResampleTaps.Create(cropHeight, Options.Height, Options.Interpolation);
        columns = ResampleTaps.Create(cropWidth, Options.Width, Options.Interpolation);
        gray = new float[cropHeight * cropWidth];
        horizontal = new float[cropHeight * Options.Width];
        output = new float[Options.Height * Options.Width];
        shape = [1, Options.Height, Options.Width];
        (boxRows, boxColumns) = BoxFactors(cropHeight, cropWidth, Options);
        rowSums = boxRows > 0 ? new ushort[cropWidth * channels] : [];
        ObservationSpace = new Box(0, 255 * Options.Scale, shape, DType.Float32);
    }

    public WarpFrameOptions Options { get; }

    public override Box ObservationSpace { get; }

    public override (Observation Observation, Info Info) Reset(int? seed = null)
    {
        var (observation, info) = Env.Reset(seed);
        return (Transform(observation), info);
    }

    public override StepResult Step(int action, bool observe = true)
    {
        StepResult r = Env.Step(action, observe);
        return observe ? r with { Observation = Transform(r.Observation) } : r;
    }

    public override Observation Observe() => Transform(Env.Observe());

    private Observation Transform(Observation frame)
    {
        if (frame.IsEmpty)
        {
            return frame;
        }

        if (boxRows > 0)
        {
            BoxResize(frame.ByteSpan);
        }
        else
        {
            ToGray(frame.ByteSpan);
            ResizeRows();
            ResizeColumns();
        }

        return new Observation(output, shape);
    }

    // Bilinear at an exact factor of 2 (OpenCV samples half way between two pixels) and area at any integer
    // factor are both plain box means, so both are served by the box path.
    private static (int Rows, int Columns) BoxFactors(int cropHeight, int cropWidth, WarpFrameOptions o)
    {
        if (cropHeight % o.Height != 0 || cropWidth % o.Width != 0)
        {
            return (0, 0);
        }

        int fy = cropHeight / o.Height, fx = cropWidth / o.Width;
        bool box = o.Interpolation == Interpolation.Area || (fy is 1 or 2 && fx is 1 or 2 && (fy == fx));
        return box && fy <= 64 ? (fy, fx) : (0, 0);
    }

    private unsafe void BoxResize(ReadOnlySpan<byte> src)
    {
        int rowBytes = cropWidth * channels, outWidth = Options.Width, group = boxColumns * channels;
        bool mean = Options.Gray == GrayMode.Mean || channels == 1;
        float k = Options.Scale / (boxRows * boxColumns * (mean && channels == 3 ? 3 : 1));
        Span<ushort> sums = rowSums;
        for (int i = 0; i < Options.Height; i++)
        {
            sums.Clear();
            for (int dy = 0; dy < boxRows; dy++)
            {
                int row = top + (i * boxRows) + dy;
                AddWidened(src.Slice(((row * sourceWidth) + left) * channels, rowBytes), sums);
            }

            // Bounds were checked by the slices above; raw pointers keep this innermost loop tight.
            fixed (ushort* sumBase = rowSums)
            fixed (float* outBase = &output[i * outWidth])
            {
                ushort* p = sumBase;
                for (int j = 0; j < outWidth; j++, p += group)
                {
                    float value;
                    if (mean)
                    {
                        int total = 0;
                        for (int c = 0; c < group; c++)
                        {
                            total += p[c];
                        }

                        value = total;
                    }
                    else
                    {
                        int r = 0, g = 0, b = 0;
                        for (int c = 0; c < group; c += 3)
                        {
                            r += p[c];
                            g += p[c + 1];
                            b += p[c + 2];
                        }

                        value = (0.299f * r) + (0.587f * g) + (0.114f * b);
                    }

                    outBase[j] = value * k;
                }
            }
        }
    }

    private static void AddWidened(ReadOnlySpan<byte> row, Span<ushort> sums)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= row.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                Vector.Widen(new Vector<byte>(row[i..]), out Vector<ushort> low, out Vector<ushort> high);
                (new Vector<ushort>(sums[i..]) + low).CopyTo(sums[i..]);
                (new Vector<ushort>(sums[(i + Vector<ushort>.Count)..]) + high).CopyTo(sums[(i + Vector<ushort>.Count)..]);
            }
        }

        for (; i < row.Length; i++)
        {
            sums[i] += row[i];
        }
    }

    private void ToGray(ReadOnlySpan<byte> src)
    {
        float scale = Options.Scale;
        bool mean = Options.Gray == GrayMode.Mean;
        for (int r = 0; r < cropHeight; r++)
        {
            int s = (((top + r) * sourceWidth) + left) * channels;
            int d = r * cropWidth;
            if (channels == 1)
            {
                for (int c = 0; c < cropWidth; c++)
                {
                    gray[d + c] = src[s + c] * scale;
                }
            }
            else if (mean)
            {
                float k = scale / 3f;
                for (int c = 0; c < cropWidth; c++, s += 3)
                {
                    gray[d + c] = (src[s] + src[s + 1] + src[s + 2]) * k;
                }
            }
            else
            {
                for (int c = 0; c < cropWidth; c++, s += 3)
                {
                    gray[d + c] = ((0.299f * src[s]) + (0.587f * src[s + 1]) + (0.114f * src[s + 2])) * scale;
                }
            }
        }
    }

    // Each crop row resized along its columns. Arrays are taken into locals so the JIT keeps them in registers.
    private void ResizeRows()
    {
        int outWidth = Options.Width, inWidth = cropWidth, maxTaps = columns.MaxTaps;
        int[] start = columns.Start, count = columns.Count;
        float[] weights = columns.Weights, src = gray, dst = horizontal;
        for (int r = 0; r < cropHeight; r++)
        {
            ReadOnlySpan<float> inRow = src.AsSpan(r * inWidth, inWidth);
            Span<float> outRow = dst.AsSpan(r * outWidth, outWidth);
            for (int j = 0; j < outRow.Length; j++)
            {
                int s = start[j], w = j * maxTaps, n = count[j];
                float sum = weights[w] * inRow[s];
                for (int k = 1; k < n; k++)
                {
                    sum += weights[w + k] * inRow[s + k];
                }

                outRow[j] = sum;
            }
        }
    }

    // Then the rows of that result combined.
    private void ResizeColumns()
    {
        int outWidth = Options.Width, maxTaps = rows.MaxTaps;
        int[] start = rows.Start, count = rows.Count;
        float[] weights = rows.Weights, src = horizontal;
        Span<float> dst = output;
        for (int i = 0; i < Options.Height; i++)
        {
            Span<float> row = dst.Slice(i * outWidth, outWidth);
            int w = i * maxTaps;
            float first = weights[w];
            ReadOnlySpan<float> a = src.AsSpan(start[i] * outWidth, outWidth);
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = first * a[j];
            }

            for (int k = 1; k < count[i]; k++)
            {
                float weight = weights[w + k];
                ReadOnlySpan<float> b = src.AsSpan((start[i] + k) * outWidth, outWidth);
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] += weight * b[j];
                }
            }
        }
    }
}
