using AIMass.Grains.Artifacts;
using AIMass.Grains.Datasets;
using AIMass.Grains.Datasets.Staging;
using AIMass.Silo.Configuration;
using AIMass.Silo.Storage.Artifacts;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AIMass.Silo.Hosting;

/// <summary>
/// The artifact store and the upload staging over it, for silos and for the hosts beside a cluster that stream uploads
/// (a web host in client mode, an Orleans client using the grain-backed SDK): the same <c>AIMass</c> settings name the
/// same store (Azure blobs when scaled out; the data folder's <c>artifacts</c> on one machine).
/// </summary>
public static class ArtifactStoreExtensions
{
    public static IServiceCollection AddAIMassArtifactStore(this IServiceCollection services, AIMassOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(CreateStore(options));
        services.TryAddSingleton<IDatasetStaging>(sp => new ArtifactDatasetStaging(sp.GetRequiredService<IArtifactStore>()));
        services.TryAddSingleton(sp => new StagingSweeper(sp.GetRequiredService<IArtifactStore>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>The store the settings name.</summary>
    public static IArtifactStore CreateStore(AIMassOptions options)
    {
        if (options.Storage == StorageKind.AzureStorage)
        {
            if (string.IsNullOrWhiteSpace(options.AzureStorageConnectionString))
            {
                throw new InvalidOperationException("AIMass:AzureStorageConnectionString is required when AIMass:Storage is AzureStorage.");
            }
            return new BlobArtifactStore(new BlobServiceClient(options.AzureStorageConnectionString), options.ArtifactContainer);
        }
        return new LocalArtifactStore(Path.Combine(Path.GetFullPath(options.DataDirectory), "artifacts"));
    }
}
