namespace SamRl.Envs.Wrappers;

/// <summary>How <see cref="WarpFrame"/> turns RGB into one channel.</summary>
public enum GrayMode
{
    /// <summary>(R + G + B) / 3, as the authors' AtariRescale does.</summary>
    Mean,

    /// <summary>0.299 R + 0.587 G + 0.114 B, OpenCV's RGB2GRAY as SB3's WarpFrame uses.</summary>
    Luminance,
}
