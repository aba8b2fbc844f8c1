namespace AIMass.Grains.MetaLearning;

/// <summary>One of a finished study's complete configurations, with its validation score and learning curve.</summary>
[GenerateSerializer, Immutable, Alias("aimass.configuration-outcome")]
public sealed record ConfigurationOutcome
{
    [Id(0)] public Dictionary<string, string> Parameters { get; init; } = [];
    [Id(1)] public double Score { get; init; }
    [Id(2)] public double[] Curve { get; init; } = [];
}
