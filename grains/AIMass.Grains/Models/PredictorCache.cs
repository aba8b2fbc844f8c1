using AIMass.Grains.Artifacts;
using AIMass.Training.Inference;

namespace AIMass.Grains.Models;

/// <summary>
/// Loaded models of this silo by artifact path (artifacts never change once written). Bounded: at most
/// <see cref="Capacity"/> are loaded, and one tenant holds at most <see cref="TenantShare"/> of them, so that one
/// tenant's many models cannot push every other tenant's out (a tenant at its share replaces its own least recently
/// used model). A prediction holds a <see cref="PredictorLease"/>: a model is disposed only once it has left the cache
/// and no lease holds it any more.
/// </summary>
public sealed class PredictorCache(IArtifactStore artifacts) : IDisposable
{
    public const int Capacity = 16;
    public const int TenantShare = Capacity / 4;
    private readonly Dictionary<string, CachedPredictor> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _clock;

    /// <summary>Paths loaded now (tests).</summary>
    internal IReadOnlyCollection<string> LoadedPaths
    {
        get
        {
            lock (_gate) return _entries.Keys.ToArray();
        }
    }

    /// <summary>The predictor of <paramref name="artifactPath"/>, held until the lease is disposed.</summary>
    public async Task<PredictorLease> LeaseAsync(string artifactPath)
    {
        CachedPredictor entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(artifactPath, out entry!))
            {
                MakeRoomFor(TenantOf(artifactPath));
                entry = new CachedPredictor(artifactPath, new Lazy<Task<Predictor>>(() => LoadAsync(artifactPath)));
                _entries[artifactPath] = entry;
            }
            entry.Used = ++_clock;
            entry.Leases++;
        }
        try
        {
            return new PredictorLease(await entry.Predictor.Value, () => Release(entry));
        }
        catch
        {
            Release(entry);
            throw;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var entry in _entries.Values)
            {
                entry.Evicted = true;
                if (entry.Leases == 0) DisposeLoaded(entry);
            }
            _entries.Clear();
        }
    }

    /// <summary>With the gate held: evicts the tenant's own oldest model at its share, else the oldest at capacity.</summary>
    private void MakeRoomFor(string tenant)
    {
        var own = _entries.Values.Where(e => TenantOf(e.Path) == tenant).ToList();
        var victim = own.Count >= TenantShare ? own.MinBy(e => e.Used)
            : _entries.Count >= Capacity ? _entries.Values.MinBy(e => e.Used)
            : null;
        if (victim is null) return;
        _entries.Remove(victim.Path);
        victim.Evicted = true;
        if (victim.Leases == 0) DisposeLoaded(victim);
    }

    private void Release(CachedPredictor entry)
    {
        lock (_gate)
        {
            entry.Leases--;
            if (entry.Evicted && entry.Leases == 0) DisposeLoaded(entry);
        }
    }

    private async Task<Predictor> LoadAsync(string path)
    {
        try
        {
            var bytes = await artifacts.ReadAllBytesAsync(path);
            // Loading a large model takes a second or more: off the grain's scheduler.
            return await Task.Run(() =>
            {
                using var stream = new MemoryStream(bytes, writable: false);
                return Predictor.Load(stream);
            });
        }
        catch
        {
            lock (_gate) _entries.Remove(path); // the next lease loads it again
            throw;
        }
    }

    private static void DisposeLoaded(CachedPredictor entry)
    {
        if (entry.Predictor.IsValueCreated && entry.Predictor.Value.IsCompletedSuccessfully) entry.Predictor.Value.Result.Dispose();
        else if (entry.Predictor.IsValueCreated) _ = entry.Predictor.Value.ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
    }

    /// <summary>The tenant of an artifact path (<c>tenants/{tenant}/…</c>); paths outside share one bucket.</summary>
    private static string TenantOf(string path) =>
        path.StartsWith("tenants/", StringComparison.Ordinal) && path.IndexOf('/', 8) is > 8 and var end ? path[8..end] : "";

    private sealed class CachedPredictor(string path, Lazy<Task<Predictor>> predictor)
    {
        public string Path { get; } = path;
        public Lazy<Task<Predictor>> Predictor { get; } = predictor;
        public long Used { get; set; }
        public int Leases { get; set; }
        public bool Evicted { get; set; }
    }
}
