namespace AIMass.Grains.Studies;

/// <summary>How a hyperparameter is sampled.</summary>
public enum ParameterKind
{
    Float = 0,
    Int = 1,
    Categorical = 2,
}
