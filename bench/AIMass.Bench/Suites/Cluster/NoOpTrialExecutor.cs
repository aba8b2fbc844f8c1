using AIMass.Grains.Studies;
using AIMass.Grains.Trials;
using AIMass.Silo.Jobs;

namespace AIMass.Bench.Suites.Cluster;

/// <summary>
/// A free objective for measuring the scheduling path alone: the trial "trains" nothing and scores a fixed
/// function of its parameters, so the optimizer still has values to rank. Only the benchmark uses it.
/// </summary>
public sealed class NoOpTrialExecutor : ITrialExecutor
{
    public Task<TrialResult> ExecuteAsync(TrialJob job, TrialLease lease, Func<int, double, EpochVerdict> onEpoch, CancellationToken ct)
    {
        var value = job.Params.Values.Sum(v => double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? -Math.Abs(Math.Log(d)) : 0);
        return Task.FromResult(new TrialResult { LeaseId = lease.LeaseId, Outcome = TrialOutcome.Completed, ValidationScore = value, MetricName = "noop" });
    }
}
