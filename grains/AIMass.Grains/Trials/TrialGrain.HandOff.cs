using AIMass.Grains.Security;
using Microsoft.Extensions.Logging;

namespace AIMass.Grains.Trials;

/// <summary>
/// The hand-off of a finished trial: the scheduler frees its place and the study records its end. Both are told after
/// the end is stored (<see cref="TrialGrainState.StudyUntold"/>), and again until the study acknowledges: by a timer
/// while this grain is active, and whenever the study's periodic check finds the trial still queued or running in its
/// own view (a crash between the two loses nothing). The study and the scheduler ignore repeats.
/// </summary>
public sealed partial class TrialGrain
{
    private IGrainTimer? _handOffTimer;

    /// <summary>Tells the scheduler and the study that the trial has ended; on failure, tries again later.</summary>
    private async Task HandOffAsync()
    {
        try
        {
            await Scheduler.ReleaseAsync(Key);
            await Study.TrialFinishedAsync(S.Summary);
        }
        catch (Exception e)
        {
            LogHandOffFailed(e, Key);
            StartHandOffTimer();
            return;
        }
        StopHandOffTimer();
        if (!S.StudyUntold) return;
        S.StudyUntold = false;
        await state.WriteStateAsync();
    }

    private void StartHandOffTimer()
    {
        if (_handOffTimer is not null) return;
        var period = options.Value.TickInterval;
        _handOffTimer = this.RegisterGrainTimer(async _ =>
        {
            using (CallerContext.AsSystem())
            {
                if (S.StudyUntold) await HandOffAsync();
                else StopHandOffTimer();
            }
        }, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
    }

    private void StopHandOffTimer()
    {
        _handOffTimer?.Dispose();
        _handOffTimer = null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The end of trial {TrialKey} did not reach its study yet; it is told again")]
    private partial void LogHandOffFailed(Exception e, string trialKey);
}
