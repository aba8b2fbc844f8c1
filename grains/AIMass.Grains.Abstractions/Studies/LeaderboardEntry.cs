namespace AIMass.Grains.Studies;

/// <summary>One model on a scenario's leaderboard: selected by validation score, reported on the test split.</summary>
[GenerateSerializer, Immutable, Alias("aimass.leaderboard-entry")]
public sealed record LeaderboardEntry
{
    [Id(0)] public int Rank { get; init; }
    [Id(1)] public int TrialNumber { get; init; }
    [Id(2)] public double ValidationScore { get; init; }
    [Id(3)] public double? TestScore { get; init; }
    [Id(4)] public Dictionary<string, double> TestMetrics { get; init; } = [];
    [Id(5)] public long ParameterCount { get; init; }
    [Id(6)] public double LatencyMs { get; init; }
    [Id(7)] public long ArtifactBytes { get; init; }
    [Id(8)] public string? Family { get; init; }
    [Id(9)] public int? TeacherTrial { get; init; }
    [Id(10)] public TrialKind Kind { get; init; }
}
