using AIMass.Grains.Datasets;
using AIMass.Grains.Hosting;
using AIMass.Grains.Security;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;
using AIMass.Silo.Configuration;
using AIMass.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace AIMass.Grains.Tests.Infrastructure;

/// <summary>
/// A real in-process Orleans cluster running the AIMass silo setup (SQLite state in a temporary folder,
/// local artifacts, real training) with short leases so that fault tests finish quickly.
/// </summary>
public sealed class ServiceCluster : IAsyncDisposable
{
    private readonly bool _ownsData;

    private ServiceCluster(InProcessTestCluster cluster, string dataDirectory, bool ownsData)
    {
        Cluster = cluster;
        DataDirectory = dataDirectory;
        _ownsData = ownsData;
    }

    public InProcessTestCluster Cluster { get; }
    public string DataDirectory { get; }
    public IClusterClient Client => Cluster.Client;

    /// <summary>
    /// Starts a cluster whose i-th silo has <paramref name="silos"/>[i]'s devices; silos are named silo0, silo1, ...
    /// A given <paramref name="dataDirectory"/> belongs to the caller and is kept; otherwise a temporary one is made and removed.
    /// </summary>
    public static async Task<ServiceCluster> StartAsync(IReadOnlyList<SiloSetup> silos, string? dataDirectory = null,
        Action<IServiceCollection>? services = null, TimeSpan? leaseDuration = null, TrainerOptions? trainer = null)
    {
        var ownsData = dataDirectory is null;
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "aimass-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var builder = new InProcessTestClusterBuilder((short)silos.Count);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((siloOptions, silo) =>
        {
            var index = SiloIndex(siloOptions.SiloName);
            var setup = silos[Math.Min(index, silos.Count - 1)];
            silo.AddAIMass(new AIMassOptions
            {
                DataDirectory = dataDirectory,
                Silo = new SiloWorkerOptions
                {
                    Name = $"silo{index}",
                    Devices = setup.Devices,
                    FakeGpu = setup.Devices.Contains("cuda", StringComparison.Ordinal),
                    CpuSlots = setup.CpuSlots,
                },
                Trainer = trainer ?? new TrainerOptions(),
            });
            silo.Services.Configure<JobSchedulingOptions>(o =>
            {
                // Tolerant of a loaded test machine (a heartbeat late by seconds must not cost a trial); tests about
                // expiry pass a short lease.
                o.LeaseDuration = leaseDuration ?? TimeSpan.FromSeconds(12);
                o.HeartbeatInterval = TimeSpan.FromMilliseconds(500);
                o.TickInterval = TimeSpan.FromMilliseconds(500);
            });
            services?.Invoke(silo.Services);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new ServiceCluster(cluster, dataDirectory, ownsData);
    }

    /// <summary>The in-process test host names its silos "Silo_N" (N from 0 in start order).</summary>
    private static int SiloIndex(string name) =>
        int.TryParse(name.AsSpan(name.LastIndexOf('_') + 1), out var n) ? n : 0;

    public static IDisposable AsAdmin() => CallerContext.Use(Caller.Admin);

    public static IDisposable AsTenant(string tenant) => CallerContext.Use(Caller.ForTenant(tenant));

    public static IDisposable AsSystem() => CallerContext.AsSystem();

    /// <summary>Creates a tenant (as admin) and returns its first key.</summary>
    public async Task<CreatedApiKey> CreateTenantAsync(string tenant, TenantQuotas? quotas = null, double weight = 1)
    {
        using var _ = AsAdmin();
        return await Client.GetGrain<ITenantGrain>(tenant).CreateAsync(new TenantCreateRequest
        {
            DisplayName = tenant,
            Quotas = quotas ?? TenantQuotas.Default,
            Weight = weight,
        });
    }

    /// <summary>Where uploads stream before a data set grain takes them (the first silo's; every silo shares the store).</summary>
    public IDatasetStaging Staging => Cluster.Silos[0].ServiceProvider.GetRequiredService<IDatasetStaging>();

    /// <summary>Uploads as the edges do: stages the bytes, then sends the data set grain the reference.</summary>
    public async Task<DatasetInfo> UploadAsync(string tenant, string datasetId, byte[] content, string? target = null, ImageShape? image = null)
    {
        var staged = await Staging.StageAsync(tenant, new MemoryStream(content, writable: false), UploadLimits.Service);
        using var _ = AsTenant(tenant);
        return await Client.GetGrain<IDatasetGrain>(GrainKeys.Scoped(tenant, datasetId))
            .UploadAsync(DatasetUpload.For(staged, datasetId, $"{datasetId}.csv", target, image));
    }

    public async Task<StudyInfo> CreateStudyAsync(string tenant, string studyId, StudySpec spec)
    {
        using var _ = AsTenant(tenant);
        return await Study(tenant, studyId).CreateAsync(spec);
    }

    public IStudyGrain Study(string tenant, string studyId) => Client.GetGrain<IStudyGrain>(GrainKeys.Scoped(tenant, studyId));

    /// <summary>Polls until the study is finished; fails with its state when the time is up.</summary>
    public async Task<StudyInfo> WaitForStudyAsync(string tenant, string studyId, TimeSpan timeout)
    {
        using var _ = AsTenant(tenant);
        var deadline = DateTime.UtcNow + timeout;
        StudyInfo info;
        while (true)
        {
            info = await Study(tenant, studyId).GetAsync();
            if (info.IsFinished) return info;
            if (DateTime.UtcNow > deadline)
            {
                var trials = await Study(tenant, studyId).GetTrialsAsync();
                throw new TimeoutException($"Study {studyId} still {info.Status} after {timeout}: {info.TrialsFinished} finished, activity '{info.Activity}', trials: " +
                    string.Join("; ", trials.Select(t => $"{t.Number}:{t.Status}@{t.Silo}")));
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Polls a condition on the study until it holds.</summary>
    public async Task<T> WaitForAsync<T>(string tenant, Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        using var _ = AsTenant(tenant);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        if (!_ownsData) return;
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the folder is under the temp directory anyway.
        }
    }
}
