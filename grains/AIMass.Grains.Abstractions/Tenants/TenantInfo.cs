namespace AIMass.Grains.Tenants;

/// <summary>A tenant as shown to itself and to admins.</summary>
[GenerateSerializer, Immutable, Alias("aimass.tenant-info")]
public sealed record TenantInfo
{
    [Id(0)] public required string TenantId { get; init; }
    [Id(1)] public required string DisplayName { get; init; }
    [Id(2)] public double Weight { get; init; }
    [Id(3)] public required TenantQuotas Quotas { get; init; }
    [Id(4)] public required TenantUsage Usage { get; init; }
    [Id(5)] public ApiKeyInfo[] ApiKeys { get; init; } = [];
    [Id(6)] public DateTimeOffset CreatedUtc { get; init; }
    [Id(7)] public bool ShareMetaKnowledge { get; init; }
}
