namespace AIMass.Grains.Studies;

/// <summary>
/// A goal with constraints: the leaderboard of a scenario keeps the best model that meets all of them
/// (the metric is the study's unless given).
/// </summary>
[GenerateSerializer, Immutable, Alias("aimass.scenario-spec")]
public sealed record ScenarioSpec
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public string? Description { get; init; }
    [Id(2)] public long? MaxParameters { get; init; }

    /// <summary>Latency in ms per row at batch size 1 on the serving device.</summary>
    [Id(3)] public double? MaxLatencyMs { get; init; }
    [Id(4)] public long? MaxArtifactBytes { get; init; }

    /// <summary>A metric name to rank by (one of the test metrics); null means the study's metric.</summary>
    [Id(5)] public string? Metric { get; init; }

    public bool IsConstrained => MaxParameters is not null || MaxLatencyMs is not null || MaxArtifactBytes is not null;

    /// <summary>Whether a model with these measurements meets every constraint.</summary>
    public bool Admits(long parameters, double latencyMs, long artifactBytes) =>
        (MaxParameters is not { } p || parameters <= p)
        && (MaxLatencyMs is not { } l || latencyMs <= l)
        && (MaxArtifactBytes is not { } b || artifactBytes <= b);

    public static ScenarioSpec Accurate { get; } = new() { Name = "accurate", Description = "the most accurate model, no constraint" };

    public static ScenarioSpec Balanced { get; } = new()
    {
        Name = "balanced", Description = "at most 100k parameters and 1 ms a row", MaxParameters = 100_000, MaxLatencyMs = 1.0,
    };

    public static ScenarioSpec Edge { get; } = new()
    {
        Name = "edge", Description = "at most 10k parameters, 0.5 ms a row and 100 KB", MaxParameters = 10_000, MaxLatencyMs = 0.5, MaxArtifactBytes = 100_000,
    };

    public static ScenarioSpec[] Defaults => [Accurate, Balanced, Edge];
}
