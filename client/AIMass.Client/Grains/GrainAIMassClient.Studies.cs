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
            var index = await _grains.GetGrain<ITenantGrain>(Tenant).ListStudiesAsync();
            return await Task.WhenAll(index.Select(s => Study(AIMass.Grains.Security.GrainKeys.Scoped(Tenant, s.Id)).GetAsync()));
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
