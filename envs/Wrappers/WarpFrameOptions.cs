namespace SamRl.Envs.Wrappers;

/// <summary>
/// Crop (rows [CropTop, CropBottom), columns [CropLeft, CropRight); a bound of 0 for bottom/right means the
/// frame edge), gray conversion, resize to Height x Width and scale. The output is float32 [1, Height, Width].
/// </summary>
public sealed record WarpFrameOptions
{
    public int CropTop { get; init; }

    public int CropBottom { get; init; }

    public int CropLeft { get; init; }

    public int CropRight { get; init; }

    public GrayMode Gray { get; init; } = GrayMode.Mean;

    public int Height { get; init; } = 80;

    public int Width { get; init; } = 80;

    public Interpolation Interpolation { get; init; } = Interpolation.Bilinear;

    /// <summary>Multiplier applied to the gray values (1/255 maps bytes to [0, 1]).</summary>
    public float Scale { get; init; } = 1f / 255f;

    /// <summary>The authors' AtariRescale for Pong: rows 34-193 (the playfield, no score), mean of RGB, /255, bilinear to 80x80.</summary>
    public static WarpFrameOptions Authors80 { get; } = new() { CropTop = 34, CropBottom = 194, CropLeft = 0, CropRight = 160 };

    /// <summary>SB3/CleanRL's WarpFrame: the whole frame, luminance, area-resized to 84x84 (then /255 here, as floats).</summary>
    public static WarpFrameOptions Sb3Warp84 { get; } = new() { Gray = GrayMode.Luminance, Height = 84, Width = 84, Interpolation = Interpolation.Area };

    /// <summary>The preset for a screen size: 80 = <see cref="Authors80"/>, 84 = <see cref="Sb3Warp84"/>.</summary>
    public static WarpFrameOptions ForScreenSize(int size) => size switch
    {
        80 => Authors80,
        84 => Sb3Warp84,
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "screen size must be 80 (the authors' preprocessing) or 84 (SB3's WarpFrame)"),
    };
}
