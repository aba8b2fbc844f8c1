using AIMass.Silo.Health;
using AIMass.Web.Apis;
using AIMass.Web.Components;
using AIMass.Web.Hosting;
using AIMass.Web.Security;
using Orleans.Dashboard;

namespace AIMass.Web.Extensions;

/// <summary>The request pipeline and endpoints: health, API (problem details), portal (error pages), account, OpenAPI, dashboard.</summary>
public static class WebApplicationExtensions
{
    public static WebApplication UseAIMassWeb(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<WebHostSettings>();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", CreateScopeForErrors = true });
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(context => !IsApi(context), portal => portal.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));

        var failedAuthentications = app.Services.GetRequiredService<Security.FailedAuthenticationLimiter>();
        app.Use((context, next) => failedAuthentications.InvokeAsync(context, next));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapAIMassHealth();
        app.MapOpenApi();
        app.MapAIMassApi();
        app.MapAccountEndpoints();
        app.MapPortalEndpoints();
        if (settings.HostsDashboard())
        {
            app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(AuthPolicies.PortalAdmin);
        }
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
