using AIMass.Grains.Studies;

namespace AIMass.Grains.Trials;

/// <summary>A trial's execution record: its job, lease history and outcome.</summary>
[GenerateSerializer, Immutable, Alias("aimass.trial-info")]
public sealed record TrialInfo
{
    [Id(0)] public required TrialJob Job { get; init; }
    [Id(1)] public required TrialSummary Summary { get; init; }
    [Id(2)] public TrialLease? Lease { get; init; }
    [Id(3)] public string[] History { get; init; } = [];
}
