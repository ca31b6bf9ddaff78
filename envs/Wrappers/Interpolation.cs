namespace SamRl.Envs.Wrappers;

/// <summary>Resampling of <see cref="WarpFrame"/>, with OpenCV's conventions so results match Python pipelines.</summary>
public enum Interpolation
{
    /// <summary>cv2.INTER_LINEAR (half-pixel centres, no anti-aliasing): the authors' choice; exactly a 2x2 mean for 160 -> 80.</summary>
    Bilinear,

    /// <summary>cv2.INTER_AREA (area-weighted box average): SB3's WarpFrame.</summary>
    Area,
}
