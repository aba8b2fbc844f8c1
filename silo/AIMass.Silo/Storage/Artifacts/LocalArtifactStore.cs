using AIMass.Grains.Artifacts;

namespace AIMass.Silo.Storage.Artifacts;

/// <summary>
/// Artifacts as files under one folder (the embedded default). Writes go to a temporary file first (named with the
/// writing process's id), then move into place; temporary files of processes that are gone (a killed silo's) are
/// removed when the store is made.
/// </summary>
public sealed class LocalArtifactStore : IArtifactStore
{
    private const string TemporarySuffix = ".tmp";
    private readonly string _root;

    public LocalArtifactStore(string root)
    {
        _root = Path.GetFullPath(root);
        DeleteStrayTemporaries(_root);
    }

    public async Task WriteAsync(string path, Stream content, CancellationToken ct = default)
    {
        var target = Resolve(path);
        PrivateFiles.CreateFolder(Path.GetDirectoryName(target)!);
        var temporary = $"{target}.{Environment.ProcessId}-{Guid.NewGuid():N}{TemporarySuffix}";
        try
        {
            await using (var file = new FileStream(temporary, PrivateFiles.NewFile()))
            {
                await content.CopyToAsync(file, ct);
                await file.FlushAsync(ct);
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            // A refused or broken write (a capped upload stream throwing, say) leaves nothing behind.
            File.Delete(temporary);
            throw;
        }
    }

    public Task<IReadOnlyList<ArtifactEntry>> ListAsync(string prefix, CancellationToken ct = default)
    {
        var slash = prefix.LastIndexOf('/');
        var folder = slash < 0 ? _root : Resolve(prefix[..slash]);
        if (!Directory.Exists(folder)) return Task.FromResult<IReadOnlyList<ArtifactEntry>>([]);
        var entries = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(TemporarySuffix, StringComparison.Ordinal))
            .Select(f => (Path: Path.GetRelativePath(_root, f).Replace('\\', '/'), File: f))
            .Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal))
            .Select(f => new ArtifactEntry(f.Path, File.GetLastWriteTimeUtc(f.File)))
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult<IReadOnlyList<ArtifactEntry>>(entries);
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

    /// <summary>
    /// Removes <c>*.tmp</c> files left by writes that never finished: those of a process that is no longer running, and
    /// those named before temporary files carried a process id. Those of live processes (other silos of this process
    /// or another process sharing the folder) are left alone.
    /// </summary>
    private static void DeleteStrayTemporaries(string root)
    {
        if (!Directory.Exists(root)) return;
        foreach (var file in Directory.EnumerateFiles(root, "*" + TemporarySuffix, SearchOption.AllDirectories))
        {
            if (WriterProcess(file) is { } pid && IsAlive(pid)) continue;
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // in use or not ours: left alone
            }
        }
    }

    /// <summary>The process id in <c>{target}.{pid}-{guid}.tmp</c>, or null for another name.</summary>
    private static int? WriterProcess(string file)
    {
        var name = Path.GetFileName(file.AsSpan())[..^TemporarySuffix.Length];
        var tag = name[(name.LastIndexOf('.') + 1)..];
        var dash = tag.IndexOf('-');
        return dash > 0 && int.TryParse(tag[..dash], out var pid) ? pid : null;
    }

    private static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private string Resolve(string path)
    {
        ArtifactPaths.Validate(path);
        var full = Path.GetFullPath(Path.Combine(_root, path));
        if (!full.StartsWith(_root, StringComparison.Ordinal)) throw new ArgumentException($"Artifact path '{path}' escapes the store.", nameof(path));
        return full;
    }
}
