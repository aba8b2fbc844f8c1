namespace AIMass.Grains.Cluster;

/// <summary>A silo of the cluster: its role and devices from silo metadata, its status and workers.</summary>
[GenerateSerializer, Immutable, Alias("aimass.silo-info")]
public sealed record SiloInfo
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required string Address { get; init; }
    [Id(2)] public required string Status { get; init; }
    [Id(3)] public string Role { get; init; } = "";
    [Id(4)] public string[] Devices { get; init; } = [];
    [Id(5)] public bool Draining { get; init; }
    [Id(6)] public int RunningJobs { get; init; }
}
