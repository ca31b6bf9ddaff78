namespace SamRl.Envs.Ale;

/// <summary>What <see cref="AleEnv"/> observes: the RGB screen [210, 160, 3] or ALE's palette grayscale [210, 160, 1].</summary>
public enum AleObservationType
{
    Rgb,
    Grayscale,
}
