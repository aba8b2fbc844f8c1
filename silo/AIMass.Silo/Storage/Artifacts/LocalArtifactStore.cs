using AIMass.Grains.Artifacts;

namespace AIMass.Silo.Storage.Artifacts;

/// <summary>Artifacts as files under one folder (the embedded default). Writes go to a temporary file first, then move into place.</summary>
public sealed class LocalArtifactStore(string root) : IArtifactStore
{
    private readonly string _root = Path.GetFullPath(root);

    public async Task WriteAsync(string path, Stream content, CancellationToken ct = default)
    {
        var target = Resolve(path);
        PrivateFiles.CreateFolder(Path.GetDirectoryName(target)!);
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
        await using (var file = new FileStream(temporary, PrivateFiles.NewFile()))
        {
            await content.CopyToAsync(file, ct);
            await file.FlushAsync(ct);
        }
        File.Move(temporary, target, overwrite: true);
    }

    public Task<Stream> OpenReadAsync(string path, CancellationToken ct = default)
    {
        var target = Resolve(path);
        if (!File.Exists(target)) throw new FileNotFoundException($"Artifact '{path}' does not exist.", path);
        return Task.FromResult<Stream>(new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));
    }

    public Task<bool> ExistsAsync(string path, CancellationToken ct = default) => Task.FromResult(File.Exists(Resolve(path)));

    public Task<int> DeletePrefixAsync(string prefix, CancellationToken ct = default)
    {
        var count = 0;
        var folder = Resolve(prefix.TrimEnd('/'));
        if (prefix.EndsWith('/') && Directory.Exists(folder))
        {
            count = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Count();
            Directory.Delete(folder, recursive: true);
        }
        else if (File.Exists(folder))
        {
            File.Delete(folder);
            count = 1;
        }
        return Task.FromResult(count);
    }

    private string Resolve(string path)
    {
        ArtifactPaths.Validate(path);
        var full = Path.GetFullPath(Path.Combine(_root, path));
        if (!full.StartsWith(_root, StringComparison.Ordinal)) throw new ArgumentException($"Artifact path '{path}' escapes the store.", nameof(path));
        return full;
    }
}
