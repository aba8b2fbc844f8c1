namespace AIMass.Training.Models.Host;

/// <summary>What an artifact's metadata says of a host model, for loading it back.</summary>
/// <param name="Task">The task.</param>
/// <param name="Classes">Classes (classification), 1 for regression.</param>
/// <param name="FeatureCount">Features per row.</param>
/// <param name="ParameterCount">The parameter count recorded at training.</param>
internal sealed record HostModelShape(TaskKind Task, int Classes, int FeatureCount, long ParameterCount);
