using AIMass.Grains.Artifacts;
using AIMass.Grains.Cluster;
using AIMass.Grains.Hosting;
using AIMass.Grains.Security;
using AIMass.Grains.Workers;
using AIMass.Grains.Workers.Placement;
using AIMass.Silo.Configuration;
using AIMass.Silo.Devices;
using AIMass.Silo.Health;
using AIMass.Silo.Telemetry;
using AIMass.Silo.Storage.Artifacts;
using AIMass.Silo.Storage.Sqlite;
using AIMass.Silo.Jobs;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Placement;
using Orleans.Runtime.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Serialization;
using Orleans.Storage;

namespace AIMass.Silo.Hosting;

/// <summary>Wires an AIMass silo: storage, clustering, security filter, placement, workers and the training service.</summary>
public static class AIMassSiloExtensions
{
    /// <summary>Hosts a silo configured from the <c>AIMass</c> section (clustering included).</summary>
    public static IHostApplicationBuilder AddAIMassSilo(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AIMassOptions.Section).Get<AIMassOptions>() ?? new AIMassOptions();
        builder.Services.AddOptions<JobSchedulingOptions>().BindConfiguration(JobSchedulingOptions.Section);
        builder.UseOrleans(silo => silo.UseAIMassClustering(options).AddAIMass(options));
        return builder;
    }

    /// <summary>
    /// Embedded: localhost clustering on loopback, no gateway unless configured. Scaled out: Azure table clustering,
    /// listening on every address and advertising a routable one, mutual TLS on silo and gateway connections, and
    /// Kubernetes hosting when running in a pod.
    /// </summary>
    public static ISiloBuilder UseAIMassClustering(this ISiloBuilder silo, AIMassOptions options)
    {
        ThrowIfInvalid(options);
        if (options.Storage == StorageKind.AzureStorage)
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            silo.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(options.AzureStorageConnectionString));
            var advertised = AdvertisedAddress.Resolve(options.AdvertisedAddress, Environment.GetEnvironmentVariable("POD_IP"));
            silo.ConfigureEndpoints(advertised, options.SiloPort, options.EffectiveGatewayPort, listenOnAnyHostAddress: true);
            if (!options.Tls.Disabled)
            {
                var (certificate, authority) = ClusterTls.Load(options.Tls, "AIMass:Tls");
                silo.UseTls(certificate, tls => ClusterTls.Configure(tls, certificate, authority));
            }
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST")))
            {
                // Pod name as silo name, pod IP as address, and silos of deleted pods declared dead at once.
                silo.UseKubernetesHosting();
            }
        }
        else
        {
            silo.UseLocalhostClustering(options.SiloPort, options.EffectiveGatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        }
        return silo;
    }

    /// <summary>Everything but clustering: usable in a test cluster, which brings its own.</summary>
    public static ISiloBuilder AddAIMass(this ISiloBuilder silo, AIMassOptions options)
    {
        ThrowIfInvalid(options);
        var identity = DeviceDiscovery.Discover(options.Silo, options.SiloPort);
        silo.UseSiloMetadata(new Dictionary<string, string>
        {
            [SiloMetadataKeys.Silo] = identity.Name,
            [SiloMetadataKeys.Role] = identity.Role,
            [SiloMetadataKeys.Devices] = string.Join(",", identity.Devices),
        });
        silo.AddIncomingGrainCallFilter<TenantIsolationFilter>();

        var services = silo.Services;
        services.AddOptions<JobSchedulingOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(identity);
        services.AddSingleton(options);
        services.AddPlacementFilter<DeviceWorkerPlacementStrategy, DeviceWorkerPlacementDirector>(ServiceLifetime.Transient);

        if (options.Storage == StorageKind.AzureStorage)
        {
            // The Orleans binary serializer, as for SQLite: the JSON default leaves out values equal to their type's
            // default, so a property initialised to true (StudySpec.Distill) would come back true after a false.
            silo.AddAzureTableGrainStorage(StorageNames.State, builder => builder.Configure<Serializer>((o, serializer) =>
            {
                o.TableServiceClient = new TableServiceClient(options.AzureStorageConnectionString);
                o.TableName = "AIMassState";
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
            silo.UseAzureTableReminderService(o => o.TableServiceClient = new TableServiceClient(options.AzureStorageConnectionString));
        }
        else
        {
            var dataDirectory = Path.GetFullPath(options.DataDirectory);
            services.AddGrainStorage(StorageNames.State, (sp, _) => new SqliteGrainStorage(
                Path.Combine(dataDirectory, "aimass.db"),
                options.ServiceId,
                new OrleansGrainStorageSerializer(sp.GetRequiredService<Serializer>()),
                sp.GetRequiredService<ILogger<SqliteGrainStorage>>()));
            silo.UseInMemoryReminderService();
        }

        services.AddAIMassArtifactStore(options);
        services.AddSingleton<StagingSweepLifecycle>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<StagingSweepLifecycle>());
        services.AddSingleton<Grains.Models.PredictorCache>();
        services.AddSingleton<Grains.Datasets.MetaFeatureComputer>();
        services.TryAddSingleton(_ => new Grains.MetaLearning.PriorKnowledge());
        services.AddSingleton<DatasetCache>();
        if (options.Trainer.Isolation == TrainerOptions.InProcess) services.TryAddSingleton<ITrialExecutor, TrialExecutor>();
        else services.TryAddSingleton<ITrialExecutor, Jobs.Processes.ProcessTrialExecutor>();
        services.AddSingleton<TrainingJobRunner>();
        services.AddSingleton<IJobRunner>(sp => sp.GetRequiredService<TrainingJobRunner>());
        services.AddAIMassTelemetry();
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<ClusterHealthCheck>("cluster", tags: [HealthEndpoints.ReadyTag]);
        services.AddSingleton<SiloWorkersLifecycle>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloWorkersLifecycle>());
        return silo;
    }

    private static void ThrowIfInvalid(AIMassOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new InvalidOperationException("Invalid AIMass configuration: " + string.Join("; ", errors));
    }
}
