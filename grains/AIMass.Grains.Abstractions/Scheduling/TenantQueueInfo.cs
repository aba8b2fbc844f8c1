namespace AIMass.Grains.Scheduling;

/// <summary>One tenant's line in the queue view.</summary>
[GenerateSerializer, Immutable, Alias("aimass.tenant-queue-info")]
public sealed record TenantQueueInfo
{
    [Id(0)] public required string TenantId { get; init; }
    [Id(1)] public int Queued { get; init; }
    [Id(2)] public int Running { get; init; }
    [Id(3)] public double Weight { get; init; }
    [Id(4)] public int MaxConcurrent { get; init; }
    [Id(5)] public long Started { get; init; }

    /// <summary>Why queued jobs are not starting, when they are not.</summary>
    [Id(6)] public string? Blocked { get; init; }
}
