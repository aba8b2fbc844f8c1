namespace AIMass.Grains.Trials;

/// <summary>What a worker reports when a run ends.</summary>
[GenerateSerializer, Immutable, Alias("aimass.trial-result")]
public sealed record TrialResult
{
    [Id(0)] public required string LeaseId { get; init; }
    [Id(1)] public TrialOutcome Outcome { get; init; }
    [Id(2)] public double? ValidationScore { get; init; }
    [Id(3)] public string? MetricName { get; init; }
    [Id(4)] public Dictionary<string, double> ValidationMetrics { get; init; } = [];
    [Id(5)] public Dictionary<string, double> TestMetrics { get; init; } = [];
    [Id(6)] public long? ParameterCount { get; init; }
    [Id(7)] public double? LatencyMs { get; init; }
    [Id(8)] public long? ArtifactBytes { get; init; }
    [Id(9)] public string? ArtifactPath { get; init; }
    [Id(10)] public int EpochsRun { get; init; }
    [Id(11)] public double ComputeSeconds { get; init; }
    [Id(12)] public string? Error { get; init; }
    [Id(13)] public string? TrainedAs { get; init; }
    [Id(14)] public int? TrainRows { get; init; }
    [Id(15)] public int? Members { get; init; }

    /// <summary>For an ensemble: its members' trial numbers and weights.</summary>
    [Id(16)] public Dictionary<int, double> MemberWeights { get; init; } = [];
}
