using AIMass.Grains.Artifacts;

namespace AIMass.Grains.Tests.Infrastructure.Faults;

/// <summary>The silo's real artifact store, except that the next write under an armed path prefix fails (once).</summary>
public sealed class FaultyArtifactStore(IArtifactStore inner) : IArtifactStore
{
    private readonly HashSet<string> _armed = new(StringComparer.Ordinal);

    /// <summary>Makes the next write whose path starts with <paramref name="prefix"/> fail.</summary>
    public void FailNextWrite(string prefix)
    {
        lock (_armed) _armed.Add(prefix);
    }

    public async Task WriteAsync(string path, Stream content, CancellationToken ct = default)
    {
        lock (_armed)
        {
            var prefix = _armed.FirstOrDefault(p => path.StartsWith(p, StringComparison.Ordinal));
            if (prefix is not null)
            {
                _armed.Remove(prefix);
                throw new IOException($"Injected fault: writing artifact '{path}' failed.");
            }
        }
        await inner.WriteAsync(path, content, ct);
    }

    public Task<Stream> OpenReadAsync(string path, CancellationToken ct = default) => inner.OpenReadAsync(path, ct);

    public Task<bool> ExistsAsync(string path, CancellationToken ct = default) => inner.ExistsAsync(path, ct);

    public Task<int> DeletePrefixAsync(string prefix, CancellationToken ct = default) => inner.DeletePrefixAsync(prefix, ct);

    public Task<IReadOnlyList<ArtifactEntry>> ListAsync(string prefix, CancellationToken ct = default) => inner.ListAsync(prefix, ct);
}
