using AIMass.Grains.Artifacts;
using Azure;
using Azure.Storage.Blobs;

namespace AIMass.Silo.Storage.Artifacts;

/// <summary>Artifacts as blobs in one Azure Blob Storage container (the scaled-out setup; Azurite in tests).</summary>
public sealed class BlobArtifactStore : IArtifactStore
{
    private readonly BlobContainerClient _container;
    private readonly Lazy<Task> _created;

    public BlobArtifactStore(BlobServiceClient service, string containerName)
    {
        _container = service.GetBlobContainerClient(containerName);
        _created = new Lazy<Task>(() => _container.CreateIfNotExistsAsync());
    }

    public async Task WriteAsync(string path, Stream content, CancellationToken ct = default)
    {
        await _created.Value;
        await _container.GetBlobClient(ArtifactPaths.Validate(path)).UploadAsync(content, overwrite: true, ct);
    }

    public async Task<Stream> OpenReadAsync(string path, CancellationToken ct = default)
    {
        await _created.Value;
        try
        {
            var response = await _container.GetBlobClient(ArtifactPaths.Validate(path)).DownloadStreamingAsync(cancellationToken: ct);
            return response.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException($"Artifact '{path}' does not exist.", path, e);
        }
    }

    public async Task<bool> ExistsAsync(string path, CancellationToken ct = default)
    {
        await _created.Value;
        return (await _container.GetBlobClient(ArtifactPaths.Validate(path)).ExistsAsync(ct)).Value;
    }

    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken ct = default)
    {
        await _created.Value;
        var count = 0;
        await foreach (var blob in _container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, ct))
        {
            await _container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: ct);
            count++;
        }
        return count;
    }
}
