namespace AIMass.Grains.Artifacts;

/// <summary>
/// Where bytes live (data set files, model artifacts): a local folder in the embedded setup, Azure Blob
/// Storage when scaled out. Paths are relative, forward-slash separated (see <see cref="ArtifactPaths"/>).
/// </summary>
public interface IArtifactStore
{
    /// <summary>Writes (or replaces) the object at <paramref name="path"/>.</summary>
    Task WriteAsync(string path, Stream content, CancellationToken ct = default);

    /// <summary>Opens the object for reading; throws <see cref="FileNotFoundException"/> when it is missing.</summary>
    Task<Stream> OpenReadAsync(string path, CancellationToken ct = default);

    /// <summary>Whether the object exists.</summary>
    Task<bool> ExistsAsync(string path, CancellationToken ct = default);

    /// <summary>Deletes every object whose path starts with <paramref name="prefix"/>; returns how many.</summary>
    Task<int> DeletePrefixAsync(string prefix, CancellationToken ct = default);

    /// <summary>The objects whose path starts with <paramref name="prefix"/>, with when each was last written.</summary>
    Task<IReadOnlyList<ArtifactEntry>> ListAsync(string prefix, CancellationToken ct = default);

    /// <summary>Reads the whole object.</summary>
    async Task<byte[]> ReadAllBytesAsync(string path, CancellationToken ct = default)
    {
        await using var stream = await OpenReadAsync(path, ct);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    /// <summary>Writes bytes.</summary>
    async Task WriteAllBytesAsync(string path, byte[] content, CancellationToken ct = default)
    {
        using var stream = new MemoryStream(content, writable: false);
        await WriteAsync(path, stream, ct);
    }
}
