namespace AIMass.Grains.Scheduling;

/// <summary>The scheduler's queue and workers, for admins.</summary>
[GenerateSerializer, Immutable, Alias("aimass.queue-view")]
public sealed record QueueView
{
    [Id(0)] public TenantQueueInfo[] Tenants { get; init; } = [];
    [Id(1)] public WorkerDescriptor[] Workers { get; init; } = [];
    [Id(2)] public int Queued { get; init; }
    [Id(3)] public int Running { get; init; }
    [Id(4)] public long LeasesGranted { get; init; }
}
