namespace AIMass.Grains.MetaLearning;

/// <summary>What a finished study teaches: its data's meta-features and its best configurations (never its data).</summary>
[GenerateSerializer, Immutable, Alias("aimass.study-knowledge")]
public sealed record StudyKnowledge
{
    /// <summary>The study key (<c>{tenant}/{study}</c>).</summary>
    [Id(0)] public required string TaskId { get; init; }
    [Id(1)] public required string TenantId { get; init; }

    /// <summary>Whether other tenants may be warm-started from it (the tenant's setting).</summary>
    [Id(2)] public bool Shared { get; init; }
    [Id(3)] public required string Task { get; init; }
    [Id(4)] public Dictionary<string, double> MetaFeatures { get; init; } = [];
    /// <summary>The study's complete search trials (the meta-learner keeps the best of them).</summary>
    [Id(5)] public ConfigurationOutcome[] Trials { get; init; } = [];

    /// <summary>The metric the scores are in.</summary>
    [Id(6)] public string? Metric { get; init; }
}
