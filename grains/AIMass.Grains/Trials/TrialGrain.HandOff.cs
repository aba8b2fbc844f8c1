using AIMass.Grains.Security;
using Microsoft.Extensions.Logging;

namespace AIMass.Grains.Trials;

/// <summary>
/// The hand-off of a finished trial: the scheduler frees its place and the study records its end. Both are told after
/// the end is stored (<see cref="TrialGrainState.StudyUntold"/>), and again until the study acknowledges: by a timer
/// while this grain is active, and whenever the study's periodic check finds the trial still queued or running in its
/// own view (a crash between the two loses nothing). The study and the scheduler ignore repeats. The acknowledgment
/// of the first telling is kept in memory only: an activation that reads the end as untold tells once more.
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
        // Not written here, on the hot path (a write per trial saved): the flag stays set in storage until a later write,
        // so an activation that reads it tells the study once more, which it ignores, and then notes it (the timer).
        S.StudyUntold = false;
    }

    private void StartHandOffTimer()
    {
        if (_handOffTimer is not null) return;
        var period = options.Value.TickInterval;
        _handOffTimer = this.RegisterGrainTimer(async _ =>
        {
            using (CallerContext.AsSystem())
            {
                if (!S.StudyUntold)
                {
                    StopHandOffTimer();
                    return;
                }
                await HandOffAsync();
                // Off the hot path (a retry, or an activation that read the end as untold): noted, so it is told no more.
                if (!S.StudyUntold) await state.WriteStateAsync();
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
