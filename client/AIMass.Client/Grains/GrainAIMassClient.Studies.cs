using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;

namespace AIMass.Client.Grains;

public sealed partial class GrainAIMassClient
{
    public Task<StudyInfo> CreateStudyAsync(StudySpec spec, string? studyId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var key = Scoped(studyId ?? NewStudyId(), "Study");
        return CallAsync(() => Study(key).CreateAsync(spec), ct);
    }

    public Task<StudyInfo> GetStudyAsync(string studyId, CancellationToken ct = default) =>
        CallAsync(() => StudyById(studyId).GetAsync(), ct);

    public Task<IReadOnlyList<StudyInfo>> ListStudiesAsync(CancellationToken ct = default) =>
        CallAsync<IReadOnlyList<StudyInfo>>(async () =>
        {
            // Page by page from the tenant's index; only a study that has not reported its list row is asked itself.
            var all = new List<StudyInfo>();
            string? cursor = null;
            do
            {
                var page = await _grains.GetGrain<ITenantGrain>(Tenant).ListStudyPageAsync(StudyListCursor.MaxLimit, cursor);
                foreach (var entry in page.Entries)
                {
                    all.Add(entry.Study ?? await Study(AIMass.Grains.Security.GrainKeys.Scoped(Tenant, entry.Id)).GetAsync());
                }
                cursor = page.NextCursor;
            }
            while (cursor is not null);
            return all;
        }, ct);

    public Task<StudyInfo> PauseStudyAsync(string studyId, CancellationToken ct = default) =>
        CallAsync(() => StudyById(studyId).PauseAsync(), ct);

    public Task<StudyInfo> ResumeStudyAsync(string studyId, CancellationToken ct = default) =>
        CallAsync(() => StudyById(studyId).ResumeAsync(), ct);

    public Task<StudyInfo> CancelStudyAsync(string studyId, CancellationToken ct = default) =>
        CallAsync(() => StudyById(studyId).CancelAsync(), ct);

    public Task DeleteStudyAsync(string studyId, CancellationToken ct = default) =>
        CallAsync(() => StudyById(studyId).DeleteAsync(), ct);

    public Task<IReadOnlyList<TrialSummary>> GetTrialsAsync(string studyId, CancellationToken ct = default) =>
        CallAsync<IReadOnlyList<TrialSummary>>(async () => await StudyById(studyId).GetTrialsAsync(), ct);

    public Task<IReadOnlyList<TrialSummary>> GetParetoFrontAsync(string studyId, CancellationToken ct = default) =>
        CallAsync<IReadOnlyList<TrialSummary>>(async () => await StudyById(studyId).GetParetoFrontAsync(), ct);

    public Task<IReadOnlyDictionary<string, double>> GetParameterImportancesAsync(string studyId, CancellationToken ct = default) =>
        CallAsync<IReadOnlyDictionary<string, double>>(async () => await StudyById(studyId).GetParameterImportancesAsync(), ct);

    private IStudyGrain StudyById(string studyId) => Study(Scoped(studyId, "Study"));

    private IStudyGrain Study(string key) => _grains.GetGrain<IStudyGrain>(key);
}
