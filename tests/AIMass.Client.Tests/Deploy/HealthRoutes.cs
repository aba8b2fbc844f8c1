using AIMass.Silo.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AIMass.Client.Tests.Deploy;

/// <summary>
/// The paths that <see cref="HealthEndpoints.MapAIMassHealth"/> maps, read from the endpoints of an application that
/// calls it (not started): the silo's Program and the web host's pipeline both serve exactly these.
/// </summary>
public static class HealthRoutes
{
    public static async Task<IReadOnlySet<string>> ServedAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddHealthChecks();
        await using var app = builder.Build();
        app.MapAIMassHealth();
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).ToHashSet(StringComparer.Ordinal);
    }
}
