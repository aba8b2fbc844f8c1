using AIMass.Grains.Cluster;
using AIMass.Grains.Security;
using AIMass.Grains.Workers;
using AIMass.Silo.Devices;
using AIMass.Silo.Jobs;
using Microsoft.Extensions.Logging;

namespace AIMass.Silo.Hosting;

/// <summary>
/// Once the silo is active: starts one worker grain per local device (placed here by the placement filter),
/// then keeps pulsing them and the supervisor, so that workers re-register with a scheduler that moved and
/// running studies resume after a restart. On shutdown it gives running jobs back to the queue first.
/// </summary>
public sealed partial class SiloWorkersLifecycle(
    IGrainFactory grains,
    SiloIdentity identity,
    TrainingJobRunner runner,
    ILogger<SiloWorkersLifecycle> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan Pulse = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloWorkersLifecycle), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken ct)
    {
        LogStarting(identity.Name, identity.Role, string.Join(",", identity.Devices));
        _loop = Task.Run(() => LoopAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken ct)
    {
        await _stop.CancelAsync();
        if (ct.IsCancellationRequested)
        {
            runner.Abort(); // ungraceful stop: behave as a crash
        }
        else
        {
            await runner.StopAsync(TimeSpan.FromSeconds(10)); // graceful: give running jobs back to the queue
        }
        if (_loop is not null) await _loop;
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        using var caller = CallerContext.AsSystem();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                foreach (var device in identity.Devices)
                {
                    await grains.GetGrain<IWorkerGrain>(WorkerKeys.For(identity.Name, device)).StartAsync(identity.SlotsFor(device));
                }
                await grains.GetGrain<ISupervisorGrain>(ISupervisorGrain.Key).PingAsync();
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                LogPulseFailed(e);
            }
            try
            {
                await Task.Delay(Pulse, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} (role {Role}) offers devices [{Devices}]")]
    private partial void LogStarting(string silo, string role, string devices);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker pulse failed; retrying")]
    private partial void LogPulseFailed(Exception e);
}
