using AIMass.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AIMass.Grains.Tests.Health;

[Collection(ClusterCollection.Name)]
public sealed class HealthCheckTests(SharedCluster shared)
{
    [Fact]
    public async Task Storage_and_cluster_report_healthy_with_their_figures()
    {
        var silo = shared.Service.Cluster.Silos[0];
        var health = shared.Service.Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<HealthCheckService>();

        var report = await health.CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries["storage"].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries["cluster"].Status);
        Assert.Equal(2, report.Entries["cluster"].Data["silos"]);
        Assert.True((int)report.Entries["cluster"].Data["workers"] >= 1);
    }
}
