namespace AIMass.Grains.MetaLearning;

/// <summary>Configurations that won on the most similar earlier data sets, best first, with where they came from.</summary>
[GenerateSerializer, Immutable, Alias("aimass.warm-start-advice")]
public sealed record WarmStartAdvice
{
    [Id(0)] public Dictionary<string, string>[] Configurations { get; init; } = [];

    /// <summary>The neighbouring tasks consulted, nearest first (ids only: never another tenant's data).</summary>
    [Id(1)] public string[] Neighbours { get; init; } = [];
}
