using AIMass.Grains.Security;
using Orleans.Concurrency;

namespace AIMass.Grains.Workers;

/// <summary>
/// One device of one silo (key <c>{silo}/{device}</c>), placed only on that silo by a placement filter over
/// silo metadata. It leases jobs from the scheduler while it has free slots and hands them to the silo's
/// training service, which runs them outside any grain turn.
/// </summary>
public interface IWorkerGrain : IGrainWithStringKey
{
    /// <summary>Starts (or refreshes) the worker with its slot count; it begins leasing.</summary>
    [SystemOnly]
    Task StartAsync(int slots);

    /// <summary>Work may have arrived: lease while there are free slots.</summary>
    [SystemOnly, OneWay]
    Task WakeAsync();

    /// <summary>A job the silo ran for this worker ended; its slot is free.</summary>
    [SystemOnly]
    Task JobEndedAsync(string trialKey);

    /// <summary>The trial was cancelled or its lease taken back: stop its job here now (its attempt is not reported).</summary>
    [SystemOnly, OneWay]
    Task StopJobAsync(string trialKey);

    /// <summary>Stops taking leases; with <paramref name="handBack"/> running jobs are given back to the queue.</summary>
    [AdminOnly]
    Task DrainAsync(bool handBack);

    /// <summary>Takes leases again after a drain.</summary>
    [AdminOnly]
    Task UndrainAsync();

    /// <summary>State for the cluster view.</summary>
    [AdminOnly]
    Task<WorkerStatus> GetStatusAsync();
}
