using AIMass.Grains.Artifacts;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace AIMass.Silo.Storage.Artifacts;

/// <summary>Artifacts as blobs in one Azure Blob Storage container (the scaled-out setup; Azurite in tests).</summary>
public sealed class BlobArtifactStore : IArtifactStore
{
    private readonly BlobContainerClient _container;
    private readonly Lazy<Task> _created;

    private static readonly StorageTransferOptions Blocks = new() { InitialTransferSize = 4 << 20, MaximumTransferSize = 4 << 20, MaximumConcurrency = 2 };

    public BlobArtifactStore(BlobServiceClient service, string containerName)
    {
        _container = service.GetBlobContainerClient(containerName);
        _created = new Lazy<Task>(() => _container.CreateIfNotExistsAsync());
    }

    public async Task WriteAsync(string path, Stream content, CancellationToken ct = default)
    {
        await _created.Value;
        // In blocks of 4 MiB: an upload stream is never buffered whole, and a stream that throws midway commits nothing.
        await _container.GetBlobClient(ArtifactPaths.Validate(path)).UploadAsync(content, new BlobUploadOptions { TransferOptions = Blocks }, ct);
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

    public async Task<IReadOnlyList<ArtifactEntry>> ListAsync(string prefix, CancellationToken ct = default)
    {
        await _created.Value;
        var entries = new List<ArtifactEntry>();
        await foreach (var blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, ct))
        {
            entries.Add(new ArtifactEntry(blob.Name, blob.Properties.LastModified ?? DateTimeOffset.MinValue));
        }
        return entries;
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
