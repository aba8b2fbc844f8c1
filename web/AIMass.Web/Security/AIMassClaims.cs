using System.Security.Claims;
using AIMass.Grains.Security;

namespace AIMass.Web.Security;

/// <summary>The claims an authenticated caller carries, and the grain <see cref="Caller"/> they stand for.</summary>
public static class AIMassClaims
{
    /// <summary>The tenant id of a tenant caller.</summary>
    public const string Tenant = "aimass:tenant";

    /// <summary>The id of the API key used (tenant callers).</summary>
    public const string KeyId = "aimass:key";

    /// <summary>Role claim value of tenant callers.</summary>
    public const string TenantRole = "tenant";

    /// <summary>Role claim value of the admin.</summary>
    public const string AdminRole = "admin";

    /// <summary>A principal for an authenticated key.</summary>
    public static ClaimsPrincipal Principal(ApiKeyIdentity identity, string scheme)
    {
        var claims = new List<Claim>();
        if (identity.Caller.Role == CallerRole.Admin)
        {
            claims.Add(new Claim(ClaimTypes.Name, "admin"));
            claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        }
        else
        {
            claims.Add(new Claim(ClaimTypes.Name, identity.Caller.TenantId!));
            claims.Add(new Claim(ClaimTypes.Role, TenantRole));
            claims.Add(new Claim(Tenant, identity.Caller.TenantId!));
            if (identity.KeyId is not null) claims.Add(new Claim(KeyId, identity.KeyId));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The identity a principal stands for, or null when it is not one of ours.</summary>
    public static ApiKeyIdentity? Identity(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        if (user.IsInRole(AdminRole)) return new ApiKeyIdentity(Caller.Admin, null);
        var tenant = user.FindFirstValue(Tenant);
        return user.IsInRole(TenantRole) && tenant is not null
            ? new ApiKeyIdentity(Caller.ForTenant(tenant), user.FindFirstValue(KeyId))
            : null;
    }

    /// <summary>The grain caller of a principal (<see cref="Caller.None"/> when unauthenticated).</summary>
    public static Caller ToCaller(this ClaimsPrincipal user) => user.Identity()?.Caller ?? Caller.None;

    /// <summary>The tenant id of a tenant principal; throws when the principal is not a tenant.</summary>
    public static string TenantId(this ClaimsPrincipal user) =>
        user.FindFirstValue(Tenant) ?? throw new InvalidOperationException("The caller is not a tenant.");
}
