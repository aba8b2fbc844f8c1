namespace AIMass.Grains.Scheduling;

/// <summary>
/// Weighted fair share across tenants by deficit round robin: each tenant with runnable work earns its
/// weight in credit per round and spends one credit per started trial, so over time tenants start
/// trials in proportion to their weights whatever the length of their queues. Per-tenant concurrency
/// limits and blocks (quota spent) make a lane ineligible without earning credit; within a tenant,
/// studies take turns. Pure logic, no Orleans: the scheduler grain drives it.
/// </summary>
public sealed class FairShareQueue
{
    private readonly Dictionary<string, TenantLane> _lanes = new(StringComparer.Ordinal);
    private readonly List<string> _ring = [];
    private readonly Dictionary<string, JobTicket> _queued = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (JobTicket Ticket, string Worker)> _running = new(StringComparer.Ordinal);
    private int _cursor;

    public int QueuedCount => _queued.Count;
    public int RunningCount => _running.Count;

    /// <summary>Whether the trial is queued or running.</summary>
    public bool Contains(string trialKey) => _queued.ContainsKey(trialKey) || _running.ContainsKey(trialKey);

    public bool IsRunning(string trialKey) => _running.ContainsKey(trialKey);

    /// <summary>Whether a lane exists whose policy is known.</summary>
    public bool KnowsPolicy(string tenantId) => _lanes.TryGetValue(tenantId, out var lane) && lane.PolicyKnown;

    /// <summary>Adds a ticket; false when the trial is already queued or running.</summary>
    public bool Enqueue(JobTicket ticket)
    {
        if (Contains(ticket.TrialKey)) return false;
        _queued[ticket.TrialKey] = ticket;
        Lane(ticket.TenantId).Add(ticket);
        return true;
    }

    /// <summary>Records a ticket as running on a worker without queueing it (state rebuilt after a move).</summary>
    public void TrackRunning(JobTicket ticket, string worker)
    {
        if (_queued.Remove(ticket.TrialKey)) Lane(ticket.TenantId).Forget();
        if (_running.TryAdd(ticket.TrialKey, (ticket, worker))) Lane(ticket.TenantId).Running++;
    }

    /// <summary>Sets a tenant's weight, concurrency limit and block.</summary>
    public void SetPolicy(string tenantId, double weight, int maxConcurrent, string? blockedReason)
    {
        var lane = Lane(tenantId);
        lane.Weight = weight > 0 ? weight : 1;
        lane.MaxConcurrent = Math.Max(1, maxConcurrent);
        lane.BlockedReason = blockedReason;
        lane.PolicyKnown = true;
    }

    /// <summary>Picks the next ticket for a free worker by deficit round robin, or null when nothing fits.</summary>
    public JobTicket? Dequeue(WorkerDescriptor worker)
    {
        if (_queued.Count == 0 || _ring.Count == 0) return null;
        var eligible = _ring.Where(t => Eligible(_lanes[t], worker)).ToHashSet(StringComparer.Ordinal);
        if (eligible.Count == 0) return null;

        // Each pass over the ring adds weight to every eligible lane, so this ends within ceil(1/min weight) passes.
        for (var guard = 0; guard < _ring.Count * 10_000; guard++)
        {
            if (_cursor >= _ring.Count) _cursor = 0;
            var lane = _lanes[_ring[_cursor]];
            if (!eligible.Contains(lane.TenantId))
            {
                _cursor++;
                continue;
            }
            if (lane.Deficit < 1)
            {
                lane.Deficit += lane.Weight;
                if (lane.Deficit < 1)
                {
                    _cursor++;
                    continue;
                }
            }
            var ticket = lane.Take(worker, t => _queued.ContainsKey(t.TrialKey));
            if (ticket is null)
            {
                eligible.Remove(lane.TenantId);
                if (eligible.Count == 0) return null;
                _cursor++;
                continue;
            }
            lane.Deficit -= 1;
            if (lane.Queued == 0) lane.Deficit = 0;
            if (lane.Deficit < 1) _cursor++;
            _queued.Remove(ticket.TrialKey);
            _running[ticket.TrialKey] = (ticket, worker.WorkerId);
            lane.Running++;
            lane.Started++;
            return ticket;
        }
        return null;
    }

    /// <summary>Removes a trial, queued or running; returns its ticket when it was known.</summary>
    public JobTicket? Remove(string trialKey)
    {
        if (_queued.Remove(trialKey, out var queued))
        {
            Lane(queued.TenantId).Forget();
            return queued;
        }
        if (_running.Remove(trialKey, out var running))
        {
            var lane = Lane(running.Ticket.TenantId);
            lane.Running = Math.Max(0, lane.Running - 1);
            return running.Ticket;
        }
        return null;
    }

    /// <summary>Why the tenant's queued tickets would not start on any of <paramref name="workers"/>, or null.</summary>
    public string? ExplainWait(string studyKey, IReadOnlyCollection<WorkerDescriptor> workers)
    {
        var tickets = _queued.Values.Where(t => t.StudyKey == studyKey).ToList();
        if (tickets.Count == 0) return null;
        var device = tickets[0].Device;
        var lane = _lanes[tickets[0].TenantId];
        if (lane.BlockedReason is not null) return $"waiting: {lane.BlockedReason}";
        var fitting = workers.Where(w => w.Accepts(device)).ToList();
        if (fitting.Count == 0)
        {
            return device == DeviceKinds.Any
                ? "waiting: no worker is registered in the cluster"
                : $"waiting: no worker offers a {device} device (no {device} silo is in the cluster)";
        }
        if (fitting.All(w => w.Draining)) return $"waiting: every {device} worker is draining";
        if (lane.Running >= lane.MaxConcurrent) return $"waiting: the tenant runs {lane.Running} trials, its limit";
        return null;
    }

    public IEnumerable<TenantQueueInfo> Describe() => _ring.Select(t => _lanes[t]).Select(l => new TenantQueueInfo
    {
        TenantId = l.TenantId,
        Queued = l.Queued,
        Running = l.Running,
        Weight = l.Weight,
        MaxConcurrent = l.MaxConcurrent == int.MaxValue ? 0 : l.MaxConcurrent,
        Started = l.Started,
        Blocked = l.BlockedReason,
    });

    private static bool Eligible(TenantLane lane, WorkerDescriptor worker) =>
        lane.Queued > 0 && lane.BlockedReason is null && lane.Running < lane.MaxConcurrent && lane.HasTicketFor(worker);

    private TenantLane Lane(string tenantId)
    {
        if (!_lanes.TryGetValue(tenantId, out var lane))
        {
            lane = new TenantLane(tenantId);
            _lanes[tenantId] = lane;
            _ring.Add(tenantId);
        }
        return lane;
    }
}
