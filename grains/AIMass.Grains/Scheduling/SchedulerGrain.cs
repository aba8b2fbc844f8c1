using AIMass.Grains.Security;
using AIMass.Grains.Telemetry;
using AIMass.Grains.Tenants;
using AIMass.Grains.Workers;
using Microsoft.Extensions.Logging;

namespace AIMass.Grains.Scheduling;

/// <summary>
/// The trial queue: weighted fair share across tenants (<see cref="FairShareQueue"/>), device matching,
/// and the registry of workers. Its state is soft by design: after it moves to another silo, studies
/// re-queue their queued trials and trials re-register their running leases at their next check.
/// It never awaits another grain (only one-way calls), so no call cycle can deadlock it.
/// </summary>
public sealed partial class SchedulerGrain(ILogger<SchedulerGrain> logger, TimeProvider clock) : Grain, ISchedulerGrain
{
    private static readonly TimeSpan WorkerExpiry = TimeSpan.FromSeconds(45);
    private readonly FairShareQueue _queue = new();
    private readonly Dictionary<string, (WorkerDescriptor Worker, DateTimeOffset Seen)> _workers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _waiting = new(StringComparer.Ordinal);
    private readonly HashSet<string> _policyAsked = new(StringComparer.Ordinal);
    private long _leases;

    public Task EnqueueAsync(JobTicket ticket)
    {
        if (_queue.Enqueue(ticket))
        {
            EnsurePolicy(ticket.TenantId);
            ServiceMetrics.TrialsQueued.Add(1, new KeyValuePair<string, object?>("tenant", ticket.TenantId));
            PublishDepth(ticket.TenantId);
            WakeOne(ticket.Device);
        }
        return Task.CompletedTask;
    }

    public Task TrackRunningAsync(JobTicket ticket, string workerId)
    {
        EnsurePolicy(ticket.TenantId);
        _queue.TrackRunning(ticket, workerId);
        PublishDepth(ticket.TenantId);
        return Task.CompletedTask;
    }

    public Task<LeaseOffer?> LeaseAsync(WorkerDescriptor worker)
    {
        Remember(worker);
        if (worker.Draining) return Task.FromResult<LeaseOffer?>(null);
        var ticket = _queue.Dequeue(worker);
        if (ticket is null)
        {
            _waiting.Add(worker.WorkerId);
            return Task.FromResult<LeaseOffer?>(null);
        }
        _waiting.Remove(worker.WorkerId);
        _leases++;
        PublishDepth(ticket.TenantId);
        LogLeased(ticket.TrialKey, worker.WorkerId, ticket.TenantId);
        return Task.FromResult<LeaseOffer?>(new LeaseOffer(ticket, Guid.NewGuid().ToString("N")));
    }

    public Task ReleaseAsync(string trialKey)
    {
        var ticket = _queue.Remove(trialKey);
        if (ticket is not null)
        {
            PublishDepth(ticket.TenantId);
            // A freed slot may unblock a tenant held at its concurrency limit.
            if (_queue.QueuedCount > 0) WakeOne(DeviceKinds.Any);
        }
        return Task.CompletedTask;
    }

    public Task RegisterWorkerAsync(WorkerDescriptor worker)
    {
        Remember(worker);
        if (!worker.Draining && worker.Busy < worker.Slots && _queue.QueuedCount > 0)
        {
            _waiting.Add(worker.WorkerId);
            WakeOne(DeviceKinds.Any);
        }
        return Task.CompletedTask;
    }

    public Task SetTenantPolicyAsync(string tenantId, double weight, int maxConcurrent, string? blockedReason)
    {
        _queue.SetPolicy(tenantId, weight, maxConcurrent, blockedReason);
        if (blockedReason is null && _queue.QueuedCount > 0) WakeOne(DeviceKinds.Any);
        return Task.CompletedTask;
    }

    public Task<string?> ExplainWaitAsync(string studyKey) =>
        Task.FromResult(_queue.ExplainWait(studyKey, LiveWorkers().ToList()));

    public Task<QueueView> GetViewAsync() => Task.FromResult(new QueueView
    {
        Tenants = _queue.Describe().ToArray(),
        Workers = LiveWorkers().OrderBy(w => w.WorkerId, StringComparer.Ordinal).ToArray(),
        Queued = _queue.QueuedCount,
        Running = _queue.RunningCount,
        LeasesGranted = _leases,
    });

    private IEnumerable<WorkerDescriptor> LiveWorkers()
    {
        var now = clock.GetUtcNow();
        foreach (var stale in _workers.Where(w => now - w.Value.Seen > WorkerExpiry).Select(w => w.Key).ToList())
        {
            _workers.Remove(stale);
            _waiting.Remove(stale);
        }
        return _workers.Values.Select(w => w.Worker);
    }

    private void Remember(WorkerDescriptor worker) => _workers[worker.WorkerId] = (worker, clock.GetUtcNow());

    /// <summary>Wakes one waiting worker that accepts the requirement (one-way: never waits on it).</summary>
    private void WakeOne(string requirement)
    {
        foreach (var id in _waiting)
        {
            if (!_workers.TryGetValue(id, out var w) || w.Worker.Draining || !(requirement == DeviceKinds.Any || w.Worker.Accepts(requirement))) continue;
            _waiting.Remove(id);
            using (CallerContext.AsSystem())
            {
                _ = GrainFactory.GetGrain<IWorkerGrain>(id).WakeAsync();
            }
            return;
        }
    }

    /// <summary>A tenant the scheduler meets for the first time is asked (one-way) to publish its policy.</summary>
    private void EnsurePolicy(string tenantId)
    {
        if (_queue.KnowsPolicy(tenantId) || !_policyAsked.Add(tenantId)) return;
        using (CallerContext.AsSystem())
        {
            _ = GrainFactory.GetGrain<ITenantGrain>(tenantId).PublishPolicyAsync();
        }
    }

    private void PublishDepth(string tenantId)
    {
        var lane = _queue.Describe().FirstOrDefault(t => t.TenantId == tenantId);
        if (lane is not null) ServiceMetrics.SetQueueDepth(tenantId, lane.Queued);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Leased {TrialKey} to {Worker} (tenant {Tenant})")]
    private partial void LogLeased(string trialKey, string worker, string tenant);
}
