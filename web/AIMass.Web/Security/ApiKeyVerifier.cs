using AIMass.Grains.Security;
using AIMass.Grains.Tenants;

namespace AIMass.Web.Security;

/// <summary>
/// Checks presented API keys: the admin key against <see cref="AdminCredentials"/>, tenant keys
/// (<c>aim.{tenant}.{keyId}.{secret}</c>) against the tenant grain's stored hashes.
/// </summary>
public sealed class ApiKeyVerifier(IGrainFactory grains, AdminCredentials admin)
{
    // Tenants seen to exist (a tenant is never deleted; an unknown one is asked of the directory each time).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _knownTenants = new(StringComparer.Ordinal);

    /// <summary>The identity a key stands for, or null when it is unknown, revoked or malformed.</summary>
    public async Task<ApiKeyIdentity?> VerifyAsync(string? presented)
    {
        if (string.IsNullOrWhiteSpace(presented)) return null;
        if (admin.Matches(presented)) return new ApiKeyIdentity(Caller.Admin, null);
        if (!ApiKeyFormat.TryParse(presented, out var tenantId, out var keyId)) return null;
        using (CallerContext.AsSystem())
        {
            // A well-formed key of a tenant that does not exist activates no tenant grain (nor reads its storage):
            // guessing keys of made-up tenants costs the service one lookup in the directory.
            if (!_knownTenants.ContainsKey(tenantId))
            {
                if (!await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).ContainsAsync(tenantId)) return null;
                _knownTenants.TryAdd(tenantId, 0);
            }
            return await grains.GetGrain<ITenantGrain>(tenantId).VerifyKeyAsync(presented.Trim())
                ? new ApiKeyIdentity(Caller.ForTenant(tenantId), keyId)
                : null;
        }
    }

    /// <summary>Whether a session's key is still active (not revoked or rotated since sign-in).</summary>
    public async Task<bool> IsStillActiveAsync(ApiKeyIdentity identity)
    {
        if (identity.IsAdmin) return true;
        if (identity.Caller.TenantId is not { } tenant || identity.KeyId is null) return false;
        using (CallerContext.AsSystem())
        {
            var grain = grains.GetGrain<ITenantGrain>(tenant);
            if (!await grain.ExistsAsync()) return false;
            var info = await grain.GetAsync();
            return info.ApiKeys.Any(k => k.KeyId == identity.KeyId && k.Active);
        }
    }
}
