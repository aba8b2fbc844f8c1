using AIMass.Client.Datasets;
using AIMass.Client.Grains;
using AIMass.Client.Hosting;
using AIMass.Client.Tenants;
using AIMass.Client.Tests.Infrastructure;
using AIMass.Grains.Studies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AIMass.Client.Tests.Deploy;

/// <summary>
/// The local scaled-out shape end to end: the script starts Azurite and two silo processes (a fake-GPU silo with
/// role gpu and a cpu silo); studies pinned to each device kind run through the matching silo.
/// </summary>
public sealed class LocalScaledOutTests
{
    [Fact]
    public async Task Studies_run_through_both_silos_of_the_local_scaled_out_deployment()
    {
        await using var deployment = await LocalDeployment.StartAsync(web: false, TimeSpan.FromMinutes(3));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddAIMassOrleansClient(new ClusterConnectionOptions
        {
            Storage = "AzureStorage",
            AzureStorageConnectionString = deployment.ConnectionString,
            ClusterId = deployment.ClusterId,
            ServiceId = "aimass",
        });
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var admin = new GrainAIMassClient(grains, new AIMassClientOptions { Transport = AIMassTransport.Grains, Admin = true });

        await ScaledOutScenario.RunAsync(admin, created => new GrainAIMassClient(grains,
            new AIMassClientOptions { Transport = AIMassTransport.Grains, TenantId = created.Tenant.TenantId, PollInterval = TimeSpan.FromMilliseconds(300) }),
            deployment);
        await host.StopAsync();
    }
}
