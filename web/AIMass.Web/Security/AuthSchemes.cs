namespace AIMass.Web.Security;

/// <summary>Authentication scheme names: API keys for the HTTP API, a cookie session for the portal.</summary>
public static class AuthSchemes
{
    /// <summary><c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>.</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>The portal's session cookie, issued after signing in with an API key.</summary>
    public const string Cookie = "AIMass.Cookie";
}
