using AIMass.Grains.Artifacts;
using AIMass.Grains.Tests.Infrastructure;
using AIMass.Silo.Storage.Artifacts;
using Azure.Storage.Blobs;

namespace AIMass.Grains.Tests.Datasets.Staging;

/// <summary>Staging over Azure blobs (Azurite), as when scaled out: a refused upload commits no blob.</summary>
public sealed class BlobDatasetStagingTests(Azurite azurite) : DatasetStagingContract, IClassFixture<Azurite>
{
    protected override IArtifactStore Store { get; } =
        new BlobArtifactStore(new BlobServiceClient(azurite.ConnectionString), $"staging-{Guid.NewGuid():N}");
}
