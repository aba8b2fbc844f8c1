namespace AIMass.Grains.Trials;

/// <summary>A worker's right to run a trial until <see cref="DeadlineUtc"/>, renewed by heartbeats.</summary>
[GenerateSerializer, Immutable, Alias("aimass.trial-lease")]
public sealed record TrialLease
{
    [Id(0)] public required string LeaseId { get; init; }
    [Id(1)] public required string Worker { get; init; }
    [Id(2)] public required string Silo { get; init; }
    [Id(3)] public required string Device { get; init; }
    [Id(4)] public DateTimeOffset GrantedUtc { get; init; }
    [Id(5)] public DateTimeOffset DeadlineUtc { get; init; }
    [Id(6)] public int Attempt { get; init; }
}
