using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AIMass.Silo.Health;

/// <summary>The cluster is healthy when it has active silos; degraded when none of them offers a training device.</summary>
public sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            if (hosts.Count == 0) return HealthCheckResult.Unhealthy("no active silo");
            using (Grains.Security.CallerContext.AsSystem())
            {
                var queue = await grains.GetGrain<Grains.Scheduling.ISchedulerGrain>(Grains.Scheduling.ISchedulerGrain.Key).GetViewAsync().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                var data = new Dictionary<string, object> { ["silos"] = hosts.Count, ["workers"] = queue.Workers.Length, ["queued"] = queue.Queued, ["running"] = queue.Running };
                return queue.Workers.Length == 0
                    ? HealthCheckResult.Degraded($"{hosts.Count} silo(s) active but no worker registered: trials cannot run", data: data)
                    : HealthCheckResult.Healthy($"{hosts.Count} silo(s), {queue.Workers.Length} worker(s)", data);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"the cluster is not answering: {e.Message}", e);
        }
    }
}
