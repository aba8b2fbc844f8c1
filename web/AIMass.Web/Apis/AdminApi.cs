using AIMass.Grains.Cluster;
using AIMass.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AIMass.Web.Apis;

/// <summary><c>/api/admin</c>: the cluster view (silos, workers, queue per tenant) and draining silos.</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Admin").RequireAuthorization(AuthPolicies.ApiAdmin);
        admin.MapGet("/cluster", ClusterAsync).WithName("GetCluster").WithSummary("Silos with role and devices, workers busy or idle, queue per tenant.");
        admin.MapPost("/silos/{name}/drain", DrainAsync).WithName("DrainSilo")
            .WithSummary("The silo takes no new trials; running ones finish, or go back to the queue with handBack=true.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/silos/{name}/undrain", UndrainAsync).WithName("UndrainSilo").WithSummary("Lets a drained silo take trials again.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static IClusterGrain Cluster(IGrainFactory grains) => grains.GetGrain<IClusterGrain>(IClusterGrain.Key);

    private static async Task<Ok<ClusterView>> ClusterAsync(IGrainFactory grains) => TypedResults.Ok(await Cluster(grains).GetViewAsync());

    private static async Task<Ok<SiloInfo>> DrainAsync(string name, bool? handBack, IGrainFactory grains) =>
        TypedResults.Ok(await Cluster(grains).DrainSiloAsync(name, handBack ?? false));

    private static async Task<Ok<SiloInfo>> UndrainAsync(string name, IGrainFactory grains) =>
        TypedResults.Ok(await Cluster(grains).UndrainSiloAsync(name));
}
