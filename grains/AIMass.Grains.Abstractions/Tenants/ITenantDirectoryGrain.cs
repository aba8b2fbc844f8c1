using AIMass.Grains.Security;

namespace AIMass.Grains.Tenants;

/// <summary>The list of all tenants (a single grain, key <see cref="Key"/>), for admins.</summary>
public interface ITenantDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    /// <summary>Adds a tenant id to the list.</summary>
    [SystemOnly]
    Task RegisterAsync(string tenantId);

    /// <summary>Whether the tenant exists (checked before any tenant grain is activated for a presented key).</summary>
    [SystemOnly, Orleans.Concurrency.ReadOnly]
    Task<bool> ContainsAsync(string tenantId);

    /// <summary>All tenant ids.</summary>
    [AdminOnly]
    Task<string[]> ListAsync();
}
