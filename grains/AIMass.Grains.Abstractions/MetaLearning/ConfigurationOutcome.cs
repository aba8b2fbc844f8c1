namespace AIMass.Grains.MetaLearning;

/// <summary>One of a finished study's best configurations, with its score and learning curve.</summary>
[GenerateSerializer, Immutable, Alias("aimass.configuration-outcome")]
public sealed record ConfigurationOutcome
{
    [Id(0)] public Dictionary<string, string> Parameters { get; init; } = [];
    [Id(1)] public double Score { get; init; }

    /// <summary>0..1 within the study (worst to best complete trial).</summary>
    [Id(2)] public double NormalizedScore { get; init; }
    [Id(3)] public double[] Curve { get; init; } = [];
}
