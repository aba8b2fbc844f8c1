using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AIMass.Web.Security;

/// <summary>
/// Re-checks a portal session's API key every <see cref="Interval"/>: a session whose key was revoked or
/// rotated ends at its next request after that.
/// </summary>
public sealed class SessionCookieEvents(ApiKeyVerifier verifier, TimeProvider clock) : CookieAuthenticationEvents
{
    /// <summary>How often a session's key is checked.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private const string CheckedKey = "aimass.checked";

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var identity = context.Principal?.Identity();
        if (identity is null)
        {
            await RejectAsync(context);
            return;
        }
        var now = clock.GetUtcNow();
        if (context.Properties.Items.TryGetValue(CheckedKey, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var last)
            && now - last < Interval)
        {
            return;
        }
        if (!await verifier.IsStillActiveAsync(identity))
        {
            await RejectAsync(context);
            return;
        }
        context.Properties.Items[CheckedKey] = now.ToString("O", CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }

    /// <summary>Marks a fresh session as just checked.</summary>
    public static void MarkChecked(AuthenticationProperties properties, DateTimeOffset now) =>
        properties.Items[CheckedKey] = now.ToString("O", CultureInfo.InvariantCulture);

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
    }
}
