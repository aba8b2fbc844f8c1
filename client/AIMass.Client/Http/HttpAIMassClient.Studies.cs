using System.Text.Json;
using System.Text.Json.Nodes;
using AIMass.Client.Json;
using AIMass.Grains.Studies;

namespace AIMass.Client.Http;

public sealed partial class HttpAIMassClient
{
    public Task<StudyInfo> CreateStudyAsync(StudySpec spec, string? studyId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        // The body is the spec's fields with an optional id beside them.
        var body = JsonSerializer.SerializeToNode(spec, AIMassJson.Options)!.AsObject();
        if (studyId is not null) body["id"] = studyId;
        return SendAsync<StudyInfo>(HttpMethod.Post, "studies",
            new StringContent(body.ToJsonString(AIMassJson.Options), System.Text.Encoding.UTF8, "application/json"), ct);
    }

    public Task<StudyInfo> GetStudyAsync(string studyId, CancellationToken ct = default) =>
        GetAsync<StudyInfo>($"studies/{Segment(studyId)}", ct);

    public async Task<IReadOnlyList<StudyInfo>> ListStudiesAsync(CancellationToken ct = default)
    {
        // The list is paged: each page names the next one's cursor in X-Next-Cursor until the last.
        var all = new List<StudyInfo>();
        string? cursor = null;
        do
        {
            var path = cursor is null ? "studies?limit=200" : $"studies?limit=200&cursor={Uri.EscapeDataString(cursor)}";
            using var response = await SendRawAsync(HttpMethod.Get, path, null, ct).ConfigureAwait(false);
            all.AddRange(await ReadAsync<StudyInfo[]>(response, HttpMethod.Get, path, ct).ConfigureAwait(false));
            cursor = response.Headers.TryGetValues("X-Next-Cursor", out var next) ? next.FirstOrDefault() : null;
        }
        while (!string.IsNullOrEmpty(cursor));
        return all;
    }

    public Task<StudyInfo> PauseStudyAsync(string studyId, CancellationToken ct = default) =>
        PostAsync<StudyInfo>($"studies/{Segment(studyId)}/pause", null, ct);

    public Task<StudyInfo> ResumeStudyAsync(string studyId, CancellationToken ct = default) =>
        PostAsync<StudyInfo>($"studies/{Segment(studyId)}/resume", null, ct);

    public Task<StudyInfo> CancelStudyAsync(string studyId, CancellationToken ct = default) =>
        PostAsync<StudyInfo>($"studies/{Segment(studyId)}/cancel", null, ct);

    public Task DeleteStudyAsync(string studyId, CancellationToken ct = default) =>
        SendNoContentAsync(HttpMethod.Delete, $"studies/{Segment(studyId)}", ct);

    public async Task<IReadOnlyList<TrialSummary>> GetTrialsAsync(string studyId, CancellationToken ct = default) =>
        await GetAsync<TrialSummary[]>($"studies/{Segment(studyId)}/trials", ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<TrialSummary>> GetParetoFrontAsync(string studyId, CancellationToken ct = default) =>
        await GetAsync<TrialSummary[]>($"studies/{Segment(studyId)}/pareto", ct).ConfigureAwait(false);

    public async Task<IReadOnlyDictionary<string, double>> GetParameterImportancesAsync(string studyId, CancellationToken ct = default) =>
        await GetAsync<Dictionary<string, double>>($"studies/{Segment(studyId)}/importances", ct).ConfigureAwait(false);
}
