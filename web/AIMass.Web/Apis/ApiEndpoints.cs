using AIMass.Web.Security;

namespace AIMass.Web.Apis;

/// <summary>Maps the HTTP API under <c>/api</c> (contract: docs/api.md): rate limited per tenant, caller set on every grain call.</summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapAIMassApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api")
            .RequireRateLimiting(TenantRateLimiting.Policy)
            .AddEndpointFilter<CallerContextFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapMeApi();
        api.MapTenantsApi();
        api.MapDatasetsApi();
        api.MapStudiesApi();
        api.MapModelsApi();
        api.MapAdminApi();
        return app;
    }
}
