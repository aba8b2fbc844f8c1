namespace AIMass.Grains.MetaLearning;

/// <summary>A new study's question to the meta-learner: which configurations won on data like this?</summary>
[GenerateSerializer, Immutable, Alias("aimass.warm-start-query")]
public sealed record WarmStartQuery
{
    [Id(0)] public required string TenantId { get; init; }

    /// <summary><c>classification</c> or <c>regression</c>.</summary>
    [Id(1)] public required string Task { get; init; }
    [Id(2)] public Dictionary<string, double> MetaFeatures { get; init; } = [];
    [Id(3)] public int Count { get; init; } = 3;
}
