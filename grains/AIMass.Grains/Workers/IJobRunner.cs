using AIMass.Grains.Trials;

namespace AIMass.Grains.Workers;

/// <summary>
/// The silo's training service, as the worker grains on that silo see it: it runs leased jobs on its own
/// threads (never inside a grain turn), reports epochs and results to the trial grains, and tells the
/// worker grain when a job ends. It is also the silo-local source of truth for occupancy and draining.
/// </summary>
public interface IJobRunner
{
    /// <summary>This silo's name (the first part of its worker keys).</summary>
    string SiloName { get; }

    /// <summary>Devices this silo offers (<c>cpu</c>, <c>cuda:0</c>, ...).</summary>
    IReadOnlyList<string> Devices { get; }

    /// <summary>Jobs the worker's slots run now.</summary>
    IReadOnlyList<string> RunningTrials(string workerId);

    /// <summary>Starts a job on its own thread and returns at once.</summary>
    void Start(string workerId, string device, TrialJob job, TrialLease lease);

    /// <summary>Whether the worker (or its whole silo) is draining.</summary>
    bool IsDraining(string workerId);

    /// <summary>Stops the job of <paramref name="trialKey"/> if it runs here (cancelled, or its lease was taken back).</summary>
    void Stop(string trialKey);

    /// <summary>Stops or resumes taking leases for a worker; with <paramref name="handBack"/> its running jobs are given back.</summary>
    void SetDraining(string workerId, bool draining, bool handBack);
}
