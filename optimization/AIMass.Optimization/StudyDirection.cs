namespace AIMass.Optimization;

/// <summary>Whether an objective is to be made as small or as large as possible.</summary>
public enum StudyDirection
{
    /// <summary>Smaller objective values are better.</summary>
    Minimize,

    /// <summary>Larger objective values are better.</summary>
    Maximize,
}
