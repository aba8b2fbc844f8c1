using AIMass.Client.Datasets;
using AIMass.Grains.Datasets;

namespace AIMass.Client;

/// <summary>Conveniences over <see cref="IAIMassClient"/>.</summary>
public static class AIMassClientExtensions
{
    /// <summary>Uploads a CSV file; the file name is the default id and name.</summary>
    public static async Task<DatasetInfo> UploadDatasetFileAsync(this IAIMassClient client, string path, DatasetUploadOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Data file '{path}' does not exist.", path);
        await using var stream = File.OpenRead(path);
        var effective = (options ?? new DatasetUploadOptions()) with { FileName = Path.GetFileName(path) };
        return await client.UploadDatasetAsync(stream, effective, ct).ConfigureAwait(false);
    }
}
