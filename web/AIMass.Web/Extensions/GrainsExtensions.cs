using AIMass.Client.Hosting;
using AIMass.Silo.Configuration;
using AIMass.Silo.Hosting;
using AIMass.Web.Configuration;
using AIMass.Web.Hosting;
using Orleans.Dashboard;

namespace AIMass.Web.Extensions;

/// <summary>How the host reaches the grains: a silo in this process (embedded default) or a client of a separate cluster.</summary>
public static class GrainsExtensions
{
    public static WebApplicationBuilder AddAIMassGrains(this WebApplicationBuilder builder, WebHostSettings settings)
    {
        if (settings.Web.Mode == WebMode.Embedded)
        {
            builder.AddAIMassSilo();
            if (settings.Web.Dashboard)
            {
                builder.UseOrleans(silo => silo.AddDashboard());
            }
        }
        else
        {
            builder.AddAIMassOrleansClient();
            // Uploads stream to the cluster's staging area beside the grain call: the same AIMass settings name its store.
            builder.Services.AddAIMassArtifactStore(builder.Configuration.GetSection(AIMassOptions.Section).Get<AIMassOptions>() ?? new AIMassOptions());
            // Ready when the cluster answers; the silos' own /readyz cover their storage.
            builder.Services.AddHealthChecks().AddCheck<Silo.Health.ClusterHealthCheck>("cluster", tags: [Silo.Health.HealthEndpoints.ReadyTag]);
        }
        return builder;
    }

    /// <summary>Whether the Orleans Dashboard is mounted (embedded mode only: the silos of a separate cluster do not host it).</summary>
    public static bool HostsDashboard(this WebHostSettings settings) => settings.Web.Mode == WebMode.Embedded && settings.Web.Dashboard;
}
