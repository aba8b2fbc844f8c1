using AIMass.Grains;
using AIMass.Grains.Security;
using AIMass.Web.Security;
using AIMass.Web.Services;

namespace AIMass.Web.Hosting;

/// <summary>Plain HTTP endpoints of the portal that a circuit cannot serve: the model download, under the session cookie.</summary>
public static class PortalEndpoints
{
    public static IEndpointRouteBuilder MapPortalEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/portal/models/{study}/{trial:int}/artifact", async (string study, int trial, HttpContext http, IGrainFactory grains) =>
        {
            var tenant = http.User.TenantId();
            using (CallerContext.Use(http.User.ToCaller()))
            {
                try
                {
                    var bytes = await grains.Model(tenant, study, trial).DownloadAsync();
                    return Results.File(bytes, "application/zip", $"{study}-trial-{trial}.zip");
                }
                catch (ServiceException e) when (e.Kind is ServiceErrorKind.NotFound or ServiceErrorKind.Invalid)
                {
                    return Results.NotFound();
                }
            }
        }).RequireAuthorization(AuthPolicies.PortalTenant).ExcludeFromDescription();
        return app;
    }
}
