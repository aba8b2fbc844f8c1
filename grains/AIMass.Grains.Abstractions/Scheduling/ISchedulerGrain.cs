using AIMass.Grains.Security;

namespace AIMass.Grains.Scheduling;

/// <summary>
/// The trial queue (a single grain, key <see cref="Key"/>): weighted fair share across tenants (deficit
/// round robin), per-tenant concurrency limits, device matching. Workers pull leases from it. Its state
/// is soft: studies re-queue what it does not know after it moves.
/// </summary>
public interface ISchedulerGrain : IGrainWithStringKey
{
    public const string Key = "default";

    /// <summary>Adds a ticket (idempotent per trial key).</summary>
    [SystemOnly]
    Task EnqueueAsync(JobTicket ticket);

    /// <summary>Re-registers a ticket that is already running elsewhere (after the scheduler moved).</summary>
    [SystemOnly]
    Task TrackRunningAsync(JobTicket ticket, string workerId);

    /// <summary>A free worker asks for a job; null when none fits (the worker is then woken on arrival).</summary>
    [SystemOnly]
    Task<LeaseOffer?> LeaseAsync(WorkerDescriptor worker);

    /// <summary>A trial left the queue or finished running (frees its tenant's slot).</summary>
    [SystemOnly]
    Task ReleaseAsync(string trialKey);

    /// <summary>A worker's periodic registration (devices, slots, busy, draining).</summary>
    [SystemOnly]
    Task RegisterWorkerAsync(WorkerDescriptor worker);

    /// <summary>Changes a tenant's weight, concurrency limit and whether it is blocked (compute quota spent).</summary>
    [SystemOnly]
    Task SetTenantPolicyAsync(string tenantId, double weight, int maxConcurrent, string? blockedReason);

    /// <summary>Why a study's queued trials are waiting, or null when they are not blocked.</summary>
    [SystemOnly]
    Task<string?> ExplainWaitAsync(string studyKey);

    /// <summary>The queue per tenant and the workers.</summary>
    [AdminOnly]
    Task<QueueView> GetViewAsync();
}
