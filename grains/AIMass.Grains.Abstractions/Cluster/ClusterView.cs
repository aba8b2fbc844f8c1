using AIMass.Grains.Scheduling;
using AIMass.Grains.Workers;

namespace AIMass.Grains.Cluster;

/// <summary>The admin's view: silos, workers, queue per tenant.</summary>
[GenerateSerializer, Immutable, Alias("aimass.cluster-view")]
public sealed record ClusterView
{
    [Id(0)] public SiloInfo[] Silos { get; init; } = [];
    [Id(1)] public WorkerStatus[] Workers { get; init; } = [];
    [Id(2)] public required QueueView Queue { get; init; }
}
