namespace AIMass.Grains.Workers;

/// <summary>A worker's state for the cluster view.</summary>
[GenerateSerializer, Immutable, Alias("aimass.worker-status")]
public sealed record WorkerStatus
{
    [Id(0)] public required string WorkerId { get; init; }
    [Id(1)] public required string Silo { get; init; }
    [Id(2)] public required string Device { get; init; }
    [Id(3)] public int Slots { get; init; }
    [Id(4)] public string[] RunningTrials { get; init; } = [];
    [Id(5)] public bool Draining { get; init; }
    [Id(6)] public long JobsStarted { get; init; }
    [Id(7)] public DateTimeOffset? LastJobUtc { get; init; }

    public bool Busy => RunningTrials.Length > 0;
}
