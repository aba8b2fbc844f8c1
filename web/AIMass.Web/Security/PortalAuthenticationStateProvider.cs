using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace AIMass.Web.Security;

/// <summary>
/// The portal circuit's authentication state: the session cookie's principal, re-checked every minute so
/// that an open page signs out when its API key is revoked or rotated.
/// </summary>
public sealed class PortalAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => SessionCookieEvents.Interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        var identity = state.User.Identity();
        if (identity is null) return false;
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApiKeyVerifier>().IsStillActiveAsync(identity);
    }
}
