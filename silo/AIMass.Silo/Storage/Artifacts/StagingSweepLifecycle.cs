using AIMass.Grains.Datasets.Staging;
using Microsoft.Extensions.Logging;

namespace AIMass.Silo.Storage.Artifacts;

/// <summary>
/// When the silo starts: removes every tenant's stray staged uploads (older than <see cref="StagingSweeper.MaxAge"/>,
/// left by an edge killed mid-upload), in the background so that start-up does not wait on the artifact store.
/// </summary>
public sealed partial class StagingSweepLifecycle(StagingSweeper sweeper, ILogger<StagingSweepLifecycle> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _sweep;

    /// <summary>The start-up sweep (completed once it ran; for tests).</summary>
    public Task Completion => _sweep ?? Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StagingSweepLifecycle), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken ct)
    {
        _sweep = Task.Run(() => SweepAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken ct)
    {
        await _stop.CancelAsync();
        if (_sweep is not null) await _sweep;
    }

    private async Task SweepAsync(CancellationToken ct)
    {
        try
        {
            var removed = await sweeper.SweepAsync(ct: ct);
            if (removed > 0) LogSwept(removed);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping
        }
        catch (Exception e)
        {
            LogSweepFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} stray staged uploads")]
    private partial void LogSwept(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stray staged uploads could not be swept; data set uploads and the next start try again")]
    private partial void LogSweepFailed(Exception e);
}
