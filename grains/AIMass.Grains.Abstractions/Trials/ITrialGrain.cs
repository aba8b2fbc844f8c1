using AIMass.Grains.Security;
using AIMass.Grains.Studies;

namespace AIMass.Grains.Trials;

/// <summary>
/// One trial's execution (key <c>{tenant}/{study}/{number}</c>): its job, attempts, the current lease and
/// heartbeat, epoch reports and final outcome. No trial is run twice to completion: only the holder of
/// the current lease may report, and a lease that stops beating is taken back.
/// </summary>
public interface ITrialGrain : IGrainWithStringKey, ITenantScopedGrain
{
    /// <summary>Records the job and queues it; idempotent, and re-queues a withdrawn trial (one-way: the study never waits on a trial).</summary>
    [SystemOnly, Orleans.Concurrency.OneWay]
    Task QueueAsync(TrialJob job);

    /// <summary>Takes a queued trial out of the queue while its study is paused (one-way).</summary>
    [SystemOnly, Orleans.Concurrency.OneWay]
    Task WithdrawAsync();

    /// <summary>The execution record.</summary>
    Task<TrialInfo> GetAsync();

    /// <summary>A worker that won this trial from the queue starts it; null when it is no longer runnable.</summary>
    [SystemOnly]
    Task<TrialJob?> StartAsync(TrialLease lease);

    /// <summary>Renews the lease; the answer tells a worker to go on or give up.</summary>
    [SystemOnly]
    Task<EpochVerdict> HeartbeatAsync(string leaseId);

    /// <summary>One epoch's validation value; answered with the study's verdict.</summary>
    [SystemOnly]
    Task<EpochVerdict> ReportEpochAsync(string leaseId, int epoch, double value);

    /// <summary>The run ended; only the current lease's result is accepted.</summary>
    [SystemOnly]
    Task<bool> FinishAsync(TrialResult result);

    /// <summary>Study check: expire a dead lease (requeue or fail), re-queue a job the scheduler lost.</summary>
    [SystemOnly, Orleans.Concurrency.OneWay]
    Task CheckAsync();

    /// <summary>The study stopped: a queued trial is cancelled, a running one is told to stop at its next report.</summary>
    [SystemOnly, Orleans.Concurrency.OneWay]
    Task CancelAsync(string reason);

    /// <summary>
    /// Its study was deleted: a running attempt is stopped (its lease dropped, its worker told), the queue forgets it and
    /// its record is removed (one-way: the study never waits on a trial).
    /// </summary>
    [SystemOnly, Orleans.Concurrency.OneWay]
    Task DeleteAsync();
}
