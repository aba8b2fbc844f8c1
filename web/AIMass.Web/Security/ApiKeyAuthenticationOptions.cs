using Microsoft.AspNetCore.Authentication;

namespace AIMass.Web.Security;

/// <summary>Options of the API-key scheme (none beyond the base ones).</summary>
public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The header that may carry the key instead of <c>Authorization: Bearer</c>.</summary>
    public const string HeaderName = "X-Api-Key";
}
