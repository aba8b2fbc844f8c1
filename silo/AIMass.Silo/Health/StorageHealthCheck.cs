using AIMass.Grains.Artifacts;
using AIMass.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Storage;

namespace AIMass.Silo.Health;

/// <summary>
/// Storage is healthy when the artifact store answers and the grain state store serves a read (a probe record
/// read straight from the provider, so an activated grain's cached state cannot hide a store that is down).
/// </summary>
public sealed class StorageHealthCheck(IArtifactStore artifacts, IServiceProvider services) : IHealthCheck
{
    private static readonly GrainId Probe = GrainId.Create("aimass-health", "probe");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await artifacts.ExistsAsync("health/probe", cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            var state = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.State);
            await state.ReadStateAsync("health", Probe, new GrainState<StorageProbe>()).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            return HealthCheckResult.Healthy("artifact store and grain storage answer");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"storage is not answering: {e.GetType().Name}: {FirstLine(e.Message)}", e);
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
