namespace AIMass.Grains.Studies;

/// <summary>A scenario's ranking of the models that meet its constraints, best first.</summary>
[GenerateSerializer, Immutable, Alias("aimass.leaderboard")]
public sealed record Leaderboard
{
    [Id(0)] public required ScenarioSpec Scenario { get; init; }
    [Id(1)] public required string Metric { get; init; }
    [Id(2)] public LeaderboardEntry[] Entries { get; init; } = [];

    public LeaderboardEntry? Best => Entries.Length == 0 ? null : Entries[0];
}
