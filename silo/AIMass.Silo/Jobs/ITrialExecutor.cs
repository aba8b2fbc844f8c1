using AIMass.Grains.Studies;
using AIMass.Grains.Trials;

namespace AIMass.Silo.Jobs;

/// <summary>Runs one leased trial to its result on the calling thread (the default trains it; benchmarks swap in a free objective).</summary>
public interface ITrialExecutor
{
    /// <summary>Runs the job; <paramref name="onEpoch"/> reports an epoch and returns the study's verdict.</summary>
    Task<TrialResult> ExecuteAsync(TrialJob job, TrialLease lease, Func<int, double, EpochVerdict> onEpoch, CancellationToken ct);
}
