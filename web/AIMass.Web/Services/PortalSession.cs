using AIMass.Grains.Security;
using AIMass.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;

namespace AIMass.Web.Services;

/// <summary>
/// The signed-in portal user of one circuit, and grain calls made as that user: each call runs under the
/// session's <see cref="Caller"/>, so the grains' isolation filter sees the same identity the API would.
/// </summary>
public sealed class PortalSession(AuthenticationStateProvider authentication, IGrainFactory grains)
{
    /// <summary>The session's identity (null when not signed in).</summary>
    public async Task<ApiKeyIdentity?> IdentityAsync() => (await authentication.GetAuthenticationStateAsync()).User.Identity();

    /// <summary>Runs grain calls as the signed-in tenant; the tenant id is passed in.</summary>
    public async Task<T> AsTenantAsync<T>(Func<IGrainFactory, string, Task<T>> call)
    {
        var identity = await IdentityAsync();
        if (identity?.Caller.TenantId is not { } tenant) throw new InvalidOperationException("The portal session is not a tenant's.");
        using (CallerContext.Use(identity.Caller))
        {
            return await call(grains, tenant);
        }
    }

    /// <summary>Runs grain calls as the signed-in tenant, without a result.</summary>
    public Task AsTenantAsync(Func<IGrainFactory, string, Task> call) =>
        AsTenantAsync<bool>(async (g, t) =>
        {
            await call(g, t);
            return true;
        });

    /// <summary>Runs grain calls as the admin (only for an admin session).</summary>
    public async Task<T> AsAdminAsync<T>(Func<IGrainFactory, Task<T>> call)
    {
        var identity = await IdentityAsync();
        if (identity?.IsAdmin != true) throw new InvalidOperationException("The portal session is not the admin's.");
        using (CallerContext.Use(Caller.Admin))
        {
            return await call(grains);
        }
    }
}
