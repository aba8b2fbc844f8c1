namespace AIMass.Grains.Scheduling;

/// <summary>A worker (one device of one silo) as the scheduler sees it.</summary>
[GenerateSerializer, Immutable, Alias("aimass.worker-descriptor")]
public sealed record WorkerDescriptor
{
    /// <summary>The worker grain's key: <c>{silo}/{device}</c>.</summary>
    [Id(0)] public required string WorkerId { get; init; }
    [Id(1)] public required string Silo { get; init; }

    /// <summary><c>cpu</c>, <c>cuda:0</c>, ...</summary>
    [Id(2)] public required string Device { get; init; }
    [Id(3)] public int Slots { get; init; } = 1;
    [Id(4)] public int Busy { get; init; }
    [Id(5)] public bool Draining { get; init; }

    /// <summary><c>gpu</c> for CUDA devices, otherwise <c>cpu</c>.</summary>
    public string Kind => DeviceKinds.Of(Device);

    public bool Accepts(string requirement) => requirement == "any" || requirement == Kind;
}
