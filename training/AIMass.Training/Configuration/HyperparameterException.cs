namespace AIMass.Training.Configuration;

/// <summary>A hyperparameter value the trainer refuses; <see cref="Key"/> names it (for a field-precise error).</summary>
public sealed class HyperparameterException(string key, string message) : ArgumentException(message, "Hyperparameters")
{
    public string Key { get; } = key;
}
