using AIMass.Grains.Security;

namespace AIMass.Web.Security;

/// <summary>Who a verified API key belongs to: the admin, or a tenant and the key's id.</summary>
public sealed record ApiKeyIdentity(Caller Caller, string? KeyId)
{
    public bool IsAdmin => Caller.Role == CallerRole.Admin;
}
