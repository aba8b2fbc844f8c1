using AIMass.Grains.Tenants;
using AIMass.Web.Security;
using AIMass.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AIMass.Web.Apis;

/// <summary><c>GET /api/me</c>: the calling tenant.</summary>
public static class MeApi
{
    public static RouteGroupBuilder MapMeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetAsync).RequireAuthorization(AuthPolicies.ApiTenant).WithTags("Tenants").WithName("GetMe")
            .WithSummary("The tenant of the API key: profile, quotas, usage, keys (without secrets).");
        return api;
    }

    private static async Task<Ok<TenantInfo>> GetAsync(HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Tenant(http.User.TenantId()).GetAsync());
}
