using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace AIMass.Bench.Suites.Cluster;

/// <summary>
/// Times every write of one kind of grain state (the study's, by default) through the silo's own state store: it
/// wraps the registered <see cref="IGrainStorage"/>, so the figures are the product's writes, serializer included.
/// Writes of the state's pages (<c>{stateName}-trials</c>, keyed <c>{grain key}/{page}</c>) count with the grain's
/// next write of its own record: one figure per write of the whole state.
/// </summary>
internal sealed class StateWriteTimer(string stateName)
{
    private readonly ConcurrentQueue<double> _writes = new();
    private readonly ConcurrentDictionary<string, double> _pageMilliseconds = new();

    /// <summary>Replaces the keyed state store <paramref name="storageName"/> by a timing wrapper around it.</summary>
    public void Install(IServiceCollection services, string storageName)
    {
        var original = services.Last(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, storageName) && d.KeyedImplementationFactory is not null);
        services.Remove(original);
        services.AddKeyedSingleton<IGrainStorage>(storageName, (sp, key) => new Timed((IGrainStorage)original.KeyedImplementationFactory!(sp, key), this));
    }

    /// <summary>Median milliseconds of the first and last <paramref name="window"/> writes, and their ratio.</summary>
    public JsonObject Report(int window = 50)
    {
        var writes = _writes.ToArray();
        var first = Median(writes.Take(window));
        var last = Median(writes.Skip(Math.Max(0, writes.Length - window)));
        return new JsonObject
        {
            ["state"] = stateName,
            ["writes"] = writes.Length,
            ["window"] = window,
            ["first_median_ms"] = Math.Round(first, 3),
            ["last_median_ms"] = Math.Round(last, 3),
            ["last_over_first"] = first > 0 ? Math.Round(last / first, 2) : null,
        };
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    private sealed class Timed(IGrainStorage inner, StateWriteTimer timer) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            var isRecord = stateName == timer.StateNameFilter;
            var isPage = stateName == timer.StateNameFilter + "-trials";
            if (!isRecord && !isPage)
            {
                await inner.WriteStateAsync(stateName, grainId, grainState);
                return;
            }
            var watch = Stopwatch.StartNew();
            await inner.WriteStateAsync(stateName, grainId, grainState);
            var elapsed = watch.Elapsed.TotalMilliseconds;
            var key = grainId.Key.ToString()!;
            if (isPage)
            {
                timer._pageMilliseconds.AddOrUpdate(key[..key.LastIndexOf('/')], elapsed, (_, sum) => sum + elapsed);
                return;
            }
            timer._pageMilliseconds.TryRemove(key, out var pages);
            timer._writes.Enqueue(elapsed + pages);
        }
    }

    private string StateNameFilter => stateName;
}
