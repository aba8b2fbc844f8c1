using AIMass.Grains.Artifacts;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AIMass.Silo.Health;

/// <summary>Storage is healthy when the artifact store answers and grain state can be read (through a real grain read).</summary>
public sealed class StorageHealthCheck(IArtifactStore artifacts, IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await artifacts.ExistsAsync("health/probe", cancellationToken);
            using (Grains.Security.CallerContext.AsSystem())
            {
                // Activating the supervisor reads its persisted state from grain storage.
                await grains.GetGrain<Grains.Cluster.ISupervisorGrain>(Grains.Cluster.ISupervisorGrain.Key).PingAsync().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            }
            return HealthCheckResult.Healthy("artifact store and grain storage answer");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"storage is not answering: {e.Message}", e);
        }
    }
}
