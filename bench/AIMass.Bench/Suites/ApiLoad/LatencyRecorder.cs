using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace AIMass.Bench.Suites.ApiLoad;

/// <summary>Collects request latencies and failures per endpoint from many clients, and summarises them.</summary>
public sealed class LatencyRecorder
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _latencies = new();
    private readonly ConcurrentDictionary<string, int> _errors = new();
    private readonly ConcurrentDictionary<string, int> _errorKinds = new();

    public void Record(string endpoint, double milliseconds) => _latencies.GetOrAdd(endpoint, _ => []).Add(milliseconds);

    public void Fail(string endpoint, string kind)
    {
        _errors.AddOrUpdate(endpoint, 1, (_, n) => n + 1);
        _errorKinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }

    public int Requests => _latencies.Values.Sum(b => b.Count) + Errors;
    public int Errors => _errors.Values.Sum();

    /// <summary>The p-th percentile (nearest rank) of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public JsonObject Summary(IEnumerable<double>? only = null)
    {
        var all = (only ?? _latencies.Values.SelectMany(b => b)).Order().ToList();
        return new JsonObject
        {
            ["requests"] = all.Count,
            ["p50Ms"] = Round(Percentile(all, 50)),
            ["p90Ms"] = Round(Percentile(all, 90)),
            ["p99Ms"] = Round(Percentile(all, 99)),
            ["maxMs"] = Round(all.Count == 0 ? double.NaN : all[^1]),
        };
    }

    public JsonObject ByEndpoint()
    {
        var result = new JsonObject();
        foreach (var (endpoint, values) in _latencies.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var summary = Summary(values);
            summary["errors"] = _errors.GetValueOrDefault(endpoint);
            result[endpoint] = summary;
        }
        return result;
    }

    public JsonObject ErrorKinds()
    {
        var result = new JsonObject();
        foreach (var (kind, count) in _errorKinds.OrderBy(e => e.Key, StringComparer.Ordinal)) result[kind] = count;
        return result;
    }

    private static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 2) : -1;
}
