using AIMass.Grains.Artifacts;
using AIMass.Training.Data;

namespace AIMass.Silo.Jobs;

/// <summary>
/// Parsed data sets of this silo, by artifact path (a version's bytes never change, so entries never go
/// stale). Bounded: the least recently used entry goes when more than <see cref="Capacity"/> are held.
/// </summary>
public sealed class DatasetCache(IArtifactStore store)
{
    public const int Capacity = 8;
    private readonly Dictionary<string, (Lazy<Task<CsvTable>> Table, long Used)> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _clock;

    public Task<CsvTable> GetAsync(string artifactPath, CancellationToken ct)
    {
        Lazy<Task<CsvTable>> table;
        lock (_gate)
        {
            if (_entries.TryGetValue(artifactPath, out var entry))
            {
                table = entry.Table;
            }
            else
            {
                table = new Lazy<Task<CsvTable>>(() => LoadAsync(artifactPath));
                if (_entries.Count >= Capacity)
                {
                    var oldest = _entries.MinBy(e => e.Value.Used).Key;
                    _entries.Remove(oldest);
                }
            }
            _entries[artifactPath] = (table, ++_clock);
        }
        return table.Value.WaitAsync(ct);
    }

    private async Task<CsvTable> LoadAsync(string path)
    {
        try
        {
            await using var stream = await store.OpenReadAsync(path);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            buffer.Position = 0;
            return CsvTable.Parse(buffer);
        }
        catch
        {
            lock (_gate) _entries.Remove(path);
            throw;
        }
    }
}
