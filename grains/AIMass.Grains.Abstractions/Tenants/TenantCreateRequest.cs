namespace AIMass.Grains.Tenants;

/// <summary>What an admin gives to create a tenant.</summary>
[GenerateSerializer, Immutable, Alias("aimass.tenant-create")]
public sealed record TenantCreateRequest
{
    [Id(0)] public required string DisplayName { get; init; }
    [Id(1)] public double Weight { get; init; } = 1.0;
    [Id(2)] public TenantQuotas Quotas { get; init; } = TenantQuotas.Default;

    /// <summary>Whether this tenant's finished studies (meta-features and configurations, never data) may warm-start other tenants.</summary>
    [Id(3)] public bool ShareMetaKnowledge { get; init; } = true;
}
