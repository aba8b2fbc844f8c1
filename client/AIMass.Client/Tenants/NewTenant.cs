using AIMass.Grains.Tenants;

namespace AIMass.Client.Tenants;

/// <summary>What an admin gives to create a tenant: its id and the create request's fields.</summary>
public sealed record NewTenant
{
    /// <summary>2-40 lower-case letters, digits or dashes, starting with a letter.</summary>
    public required string TenantId { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>Fair-share weight (relative share of worker slots).</summary>
    public double Weight { get; init; } = 1.0;

    public TenantQuotas Quotas { get; init; } = TenantQuotas.Default;

    /// <summary>Whether finished studies of this tenant may warm-start other tenants.</summary>
    public bool ShareMetaKnowledge { get; init; } = true;

    /// <summary>The grain request these fields make.</summary>
    public TenantCreateRequest ToRequest() => new()
    {
        DisplayName = DisplayName,
        Weight = Weight,
        Quotas = Quotas,
        ShareMetaKnowledge = ShareMetaKnowledge,
    };
}
