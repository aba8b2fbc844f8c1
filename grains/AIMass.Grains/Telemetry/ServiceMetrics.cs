using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace AIMass.Grains.Telemetry;

/// <summary>
/// OpenTelemetry-compatible meters of the service (meter name <see cref="MeterName"/>): trial counts by
/// outcome, lease expiries, training seconds, queue depth per tenant and worker utilisation.
/// </summary>
public static class ServiceMetrics
{
    public const string MeterName = "AIMass.Service";

    private static readonly Meter Meter = new(MeterName, "1.0");
    private static readonly ConcurrentDictionary<string, int> QueueDepth = new();
    private static readonly ConcurrentDictionary<string, (int Busy, int Slots)> Workers = new();

    public static readonly Counter<long> TrialsQueued = Meter.CreateCounter<long>("aimass.trials.queued", description: "Trials put in the queue");
    public static readonly Counter<long> TrialsStarted = Meter.CreateCounter<long>("aimass.trials.started", description: "Trials leased to a worker");
    public static readonly Counter<long> TrialsFinished = Meter.CreateCounter<long>("aimass.trials.finished", description: "Trials that reached a final state, by outcome");
    public static readonly Counter<long> LeaseExpiries = Meter.CreateCounter<long>("aimass.leases.expired", description: "Leases taken back because their worker stopped beating");
    public static readonly Histogram<double> TrainingSeconds = Meter.CreateHistogram<double>("aimass.training.seconds", "s", "Compute-seconds per trial");

    static ServiceMetrics()
    {
        Meter.CreateObservableGauge("aimass.queue.depth", () => QueueDepth.Select(kv => new Measurement<int>(kv.Value, new KeyValuePair<string, object?>("tenant", kv.Key))),
            description: "Queued trials per tenant");
        Meter.CreateObservableGauge("aimass.workers.utilisation", () => Workers.Select(kv => new Measurement<double>(kv.Value.Slots == 0 ? 0 : (double)kv.Value.Busy / kv.Value.Slots, new KeyValuePair<string, object?>("worker", kv.Key))),
            description: "Busy share of each worker's slots");
    }

    /// <summary>Sets the queue depth of a tenant (reported by the scheduler).</summary>
    public static void SetQueueDepth(string tenant, int depth) => QueueDepth[tenant] = depth;

    /// <summary>Sets a worker's occupancy.</summary>
    public static void SetWorker(string worker, int busy, int slots) => Workers[worker] = (busy, slots);
}
