namespace AIMass.Grains.Tenants;

/// <summary>What a tenant uses now and has used today.</summary>
[GenerateSerializer, Immutable, Alias("aimass.tenant-usage")]
public sealed record TenantUsage
{
    [Id(0)] public long StoredBytes { get; init; }
    [Id(1)] public int ActiveStudies { get; init; }
    [Id(2)] public double ComputeSecondsToday { get; init; }
    [Id(3)] public DateOnly Day { get; init; }
    [Id(4)] public long TrialsRun { get; init; }
    [Id(5)] public double ComputeSecondsTotal { get; init; }
}
