using AIMass.Grains.Artifacts;
using AIMass.Training.Inference;

namespace AIMass.Grains.Models;

/// <summary>
/// Loaded models of this silo by artifact path (artifacts never change once written). Bounded: the least
/// recently used predictor is disposed when more than <see cref="Capacity"/> are loaded.
/// </summary>
public sealed class PredictorCache(IArtifactStore artifacts) : IDisposable
{
    public const int Capacity = 16;
    private readonly Dictionary<string, (Lazy<Task<Predictor>> Predictor, long Used)> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _clock;

    public Task<Predictor> GetAsync(string artifactPath)
    {
        Lazy<Task<Predictor>> entry;
        lock (_gate)
        {
            if (_entries.TryGetValue(artifactPath, out var existing))
            {
                entry = existing.Predictor;
            }
            else
            {
                entry = new Lazy<Task<Predictor>>(() => LoadAsync(artifactPath));
                if (_entries.Count >= Capacity)
                {
                    var oldest = _entries.MinBy(e => e.Value.Used);
                    _entries.Remove(oldest.Key);
                    // Disposed once no prediction holds it any more: predictions complete within one call.
                    _ = DisposeLaterAsync(oldest.Value.Predictor);
                }
            }
            _entries[artifactPath] = (entry, ++_clock);
        }
        return entry.Value;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var (_, (predictor, _)) in _entries)
            {
                if (predictor.IsValueCreated && predictor.Value.IsCompletedSuccessfully) predictor.Value.Result.Dispose();
            }
            _entries.Clear();
        }
    }

    private async Task<Predictor> LoadAsync(string path)
    {
        try
        {
            var bytes = await artifacts.ReadAllBytesAsync(path);
            using var stream = new MemoryStream(bytes, writable: false);
            return Predictor.Load(stream);
        }
        catch
        {
            lock (_gate) _entries.Remove(path);
            throw;
        }
    }

    private static async Task DisposeLaterAsync(Lazy<Task<Predictor>> predictor)
    {
        if (!predictor.IsValueCreated) return;
        try
        {
            var loaded = await predictor.Value;
            await Task.Delay(TimeSpan.FromSeconds(30));
            loaded.Dispose();
        }
        catch (Exception)
        {
            // a failed load has nothing to dispose
        }
    }
}
