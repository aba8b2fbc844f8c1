namespace AIMass.Training;

/// <summary>What is predicted.</summary>
public enum TaskKind
{
    /// <summary>A class label (string or numeric labels); metric <c>accuracy</c>.</summary>
    Classification,

    /// <summary>A real value; metric <c>r2</c>.</summary>
    Regression,
}
