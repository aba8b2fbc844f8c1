using AIMass.Grains.Artifacts;
using AIMass.Grains.Security;
using AIMass.Grains.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AIMass.Grains.Studies;

/// <summary>
/// Deleting a study: a running one is cancelled first (as <see cref="CancelAsync"/> does), then its model artifacts,
/// its trials' records, its pages and record go, and last its entry in the tenant's index (which gives back its models'
/// stored bytes and its place in the study-count quota). A deletion cut short by a crash is finished by a repeat: the
/// tenant's index still names the study, so the repeat is not answered "not found".
/// </summary>
public sealed partial class StudyGrain
{
    public async Task DeleteAsync()
    {
        using var caller = CallerContext.AsSystem();
        var tenant = GrainFactory.GetGrain<ITenantGrain>(TenantId);
        if (S.Spec is null)
        {
            // Nothing stored here: either no such study, or a deletion that stopped before the tenant forgot it.
            if (!await tenant.ForgetStudyAsync(StudyId)) throw ServiceException.NotFound($"Study '{StudyId}'");
            DeactivateOnIdle();
            return;
        }
        if (S.Status is not (StudyStatus.Completed or StudyStatus.Cancelled or StudyStatus.Failed))
        {
            await FinishStudyAsync(StudyStatus.Cancelled, "deleted by the tenant");
        }
        var trials = S.Trials.Keys.ToArray();
        var removed = await ServiceProvider.GetRequiredService<IArtifactStore>().DeletePrefixAsync(ArtifactPaths.StudyFolder(TenantId, StudyId));
        foreach (var number in trials) _ = Trial(number).DeleteAsync();
        await TrialPages().ClearAsync();
        await state.ClearStateAsync();
        state.State = new StudyState();
        _optimizer = null;
        _students.Clear();
        _activity = null;
        _dirty = false;
        await tenant.ForgetStudyAsync(StudyId);
        LogDeleted(Key, trials.Length, removed);
        DeactivateOnIdle();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Study {StudyKey} deleted with its {Trials} trials and {Artifacts} stored artifacts")]
    private partial void LogDeleted(string studyKey, int trials, int artifacts);
}
