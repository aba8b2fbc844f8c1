namespace AIMass.Grains.Security;

/// <summary>
/// Marks a grain interface whose string key starts with a tenant id (<c>{tenant}</c> or <c>{tenant}/...</c>).
/// The tenant isolation filter refuses any call to such a grain from a caller of another tenant.
/// </summary>
public interface ITenantScopedGrain
{
}
