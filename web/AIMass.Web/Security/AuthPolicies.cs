namespace AIMass.Web.Security;

/// <summary>Authorization policy names (registered by <see cref="Extensions.SecurityExtensions"/>).</summary>
public static class AuthPolicies
{
    /// <summary>API: a tenant key.</summary>
    public const string ApiTenant = "api-tenant";

    /// <summary>API: the admin key.</summary>
    public const string ApiAdmin = "api-admin";

    /// <summary>API: a tenant key or the admin key.</summary>
    public const string ApiAny = "api-any";

    /// <summary>Portal: signed in with a tenant key.</summary>
    public const string PortalTenant = "portal-tenant";

    /// <summary>Portal: signed in with the admin key (also accepts the admin API key, for the dashboard).</summary>
    public const string PortalAdmin = "portal-admin";
}
