using AIMass.Client.Grains;
using AIMass.Client.Hosting;
using AIMass.Client.Http;
using AIMass.Client.Tests.Infrastructure;
using AIMass.Grains.Datasets.Staging;
using AIMass.Silo.Configuration;
using AIMass.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AIMass.Client.Tests.Deploy;

/// <summary>
/// The local scaled-out shape end to end: the script starts Azurite, two silo processes clustered through Azure
/// tables (a fake-GPU silo with role gpu and a cpu silo) and, for the HTTP test, the web host in client mode;
/// studies pinned to each device kind run through the matching silo.
/// </summary>
public sealed class LocalScaledOutTests
{
    [Fact]
    public async Task Studies_run_through_both_silos_for_an_Orleans_client()
    {
        await using var deployment = await LocalDeployment.StartAsync(web: false, TimeSpan.FromMinutes(4));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddAIMassOrleansClient(new ClusterConnectionOptions
        {
            Storage = "AzureStorage",
            AzureStorageConnectionString = deployment.ConnectionString,
            ClusterId = deployment.ClusterId,
            ServiceId = "aimass",
            Tls = deployment.ClientTls,
        });
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        // An Orleans client stages uploads in the cluster's blob container, as a client-mode web host does.
        var staging = new ArtifactDatasetStaging(ArtifactStoreExtensions.CreateStore(
            new AIMassOptions { Storage = StorageKind.AzureStorage, AzureStorageConnectionString = deployment.ConnectionString }));
        var admin = new GrainAIMassClient(grains, new AIMassClientOptions { Transport = AIMassTransport.Grains, Admin = true }, staging);

        await ScaledOutScenario.RunAsync(admin, created => new GrainAIMassClient(grains,
            new AIMassClientOptions { Transport = AIMassTransport.Grains, TenantId = created.Tenant.TenantId, PollInterval = TimeSpan.FromMilliseconds(300) }, staging),
            deployment);
        await host.StopAsync();
    }
#if AIMASS_WEB

    [Fact]
    public async Task Studies_run_through_both_silos_behind_the_web_host_in_client_mode()
    {
        await using var deployment = await LocalDeployment.StartAsync(web: true, TimeSpan.FromMinutes(4));
        var web = new Uri(deployment.Web ?? throw new InvalidOperationException("The script started no web host."));
        using var http = new HttpClient();
        HttpAIMassClient Client(string key) => new(http, new AIMassClientOptions { BaseAddress = web, ApiKey = key, PollInterval = TimeSpan.FromMilliseconds(300) });

        await ScaledOutScenario.RunAsync(Client(deployment.AdminKey), created => Client(created.ApiKey.Secret), deployment);
    }
#endif
}
