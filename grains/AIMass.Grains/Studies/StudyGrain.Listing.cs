using AIMass.Grains.Security;
using AIMass.Grains.Tenants;
using Microsoft.Extensions.Logging;

namespace AIMass.Grains.Studies;

/// <summary>
/// Keeps the tenant's study list current: a status, phase or reason change is reported at once; progress (trial
/// counters, best value) at most every <see cref="ListRowInterval"/>, with a one-shot timer for the last change, so a
/// busy study costs the tenant grain one call every few seconds, not one per trial.
/// </summary>
public sealed partial class StudyGrain
{
    private static readonly TimeSpan ListRowInterval = TimeSpan.FromSeconds(5);

    private StudyInfo? _listedRow;
    private (StudyStatus Status, string Phase, string? Reason)? _listedState;
    private DateTimeOffset _listedAtUtc;
    private IGrainTimer? _listRowTimer;

    /// <summary>Called after every write of the study's state.</summary>
    private async Task ReportListRowAsync()
    {
        if (S.Spec is null) return;
        if (_listedState != (S.Status, S.Phase, S.StatusReason) || clock.GetUtcNow() - _listedAtUtc >= ListRowInterval)
        {
            await SendListRowAsync();
            return;
        }
        if (_listRowTimer is not null) return;
        var due = ListRowInterval - (clock.GetUtcNow() - _listedAtUtc);
        _listRowTimer = this.RegisterGrainTimer(async _ =>
        {
            _listRowTimer?.Dispose();
            _listRowTimer = null;
            if (S.Spec is not null) await SendListRowAsync();
        }, new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    private async Task SendListRowAsync()
    {
        var row = StudyListRow.From(Info());
        var listedState = (S.Status, S.Phase, S.StatusReason);
        _listedAtUtc = clock.GetUtcNow();
        if (_listedState == listedState && !StudyListRow.Differs(_listedRow, row)) return;
        try
        {
            using (CallerContext.AsSystem())
            {
                await GrainFactory.GetGrain<ITenantGrain>(TenantId).UpdateStudyRowAsync(StudyId, row);
            }
            _listedRow = row;
            _listedState = listedState;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The list shows the previous row until the next report; the study itself goes on.
            LogListRowFailed(e, Key);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Study {StudyKey} could not report its list row to its tenant")]
    private partial void LogListRowFailed(Exception exception, string studyKey);
}
