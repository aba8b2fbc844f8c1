using AIMass.Client.Grains;
using AIMass.Grains.Hosting;
using AIMass.Silo.Configuration;
using AIMass.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace AIMass.Client.Tests.Infrastructure;

/// <summary>
/// A real in-process cluster with the AIMass silo setup (one cpu silo named <c>silo0</c>, SQLite state and
/// local artifacts in a temporary folder, real training), shared by the tests of a collection.
/// </summary>
public sealed class GrainServiceFixture : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public string DataDirectory { get; } = TestPaths.NewTemporaryFolder();

    public IClusterClient Client => _cluster?.Client ?? throw new InvalidOperationException("The cluster is not started.");

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddAIMass(new AIMassOptions
            {
                DataDirectory = DataDirectory,
                Silo = new SiloWorkerOptions { Name = "silo0", Devices = "cpu", CpuSlots = 2 },
            });
            silo.Services.Configure<JobSchedulingOptions>(o =>
            {
                o.LeaseDuration = TimeSpan.FromSeconds(10);
                o.HeartbeatInterval = TimeSpan.FromMilliseconds(500);
                o.TickInterval = TimeSpan.FromMilliseconds(500);
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>Where the grain-backed client stages uploads: the silo's (the same artifact store).</summary>
    public AIMass.Grains.Datasets.IDatasetStaging Staging =>
        (_cluster ?? throw new InvalidOperationException("The cluster is not started.")).Silos[0].ServiceProvider.GetRequiredService<AIMass.Grains.Datasets.IDatasetStaging>();

    /// <summary>A client acting as an administrator.</summary>
    public GrainAIMassClient Admin() => new(Client, new AIMassClientOptions { Transport = AIMassTransport.Grains, Admin = true, PollInterval = TimeSpan.FromMilliseconds(200) }, Staging);

    /// <summary>A client acting as a tenant.</summary>
    public GrainAIMassClient Tenant(string tenantId) =>
        new(Client, new AIMassClientOptions { Transport = AIMassTransport.Grains, TenantId = tenantId, PollInterval = TimeSpan.FromMilliseconds(200) }, Staging);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold its file a moment longer; the folder is under the temporary directory.
        }
    }
}
