using AIMass.Grains.Cluster;
using AIMass.Grains.Models;
using AIMass.Grains.Studies;

namespace AIMass.Client.Http;

public sealed partial class HttpAIMassClient
{
    public async Task<IReadOnlyList<Leaderboard>> GetLeaderboardsAsync(string studyId, CancellationToken ct = default) =>
        await GetAsync<Leaderboard[]>($"studies/{Segment(studyId)}/leaderboards", ct).ConfigureAwait(false);

    public Task<Leaderboard> GetLeaderboardAsync(string studyId, string scenario, CancellationToken ct = default) =>
        GetAsync<Leaderboard>($"studies/{Segment(studyId)}/leaderboards/{Segment(scenario)}", ct);

    public Task<ModelInfo> GetBestModelAsync(string studyId, string? scenario = null, CancellationToken ct = default) =>
        GetAsync<ModelInfo>($"studies/{Segment(studyId)}/models/best{ScenarioQuery(scenario)}", ct);

    public Task<ModelInfo> GetModelAsync(string studyId, int trialNumber, CancellationToken ct = default) =>
        GetAsync<ModelInfo>($"models/{Segment(studyId)}/{trialNumber}", ct);

    public async Task<byte[]> DownloadModelAsync(string studyId, int trialNumber, CancellationToken ct = default)
    {
        using var response = await SendRawAsync(HttpMethod.Get, $"models/{Segment(studyId)}/{trialNumber}/artifact", null, ct, accept: "application/zip").ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
    }

    public Task<PredictionResponse> PredictAsync(string studyId, string? scenario, PredictionRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostAsync<PredictionResponse>($"studies/{Segment(studyId)}/predict{ScenarioQuery(scenario)}", request, ct);
    }

    public Task<PredictionResponse> PredictWithModelAsync(string studyId, int trialNumber, PredictionRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostAsync<PredictionResponse>($"models/{Segment(studyId)}/{trialNumber}/predict", request, ct);
    }

    public Task<ClusterView> GetClusterAsync(CancellationToken ct = default) => GetAsync<ClusterView>("admin/cluster", ct);

    public Task<SiloInfo> DrainSiloAsync(string siloName, bool handBack = false, CancellationToken ct = default) =>
        PostAsync<SiloInfo>($"admin/silos/{Segment(siloName)}/drain?handBack={(handBack ? "true" : "false")}", null, ct);

    public Task<SiloInfo> UndrainSiloAsync(string siloName, CancellationToken ct = default) =>
        PostAsync<SiloInfo>($"admin/silos/{Segment(siloName)}/undrain", null, ct);

    private static string ScenarioQuery(string? scenario) =>
        string.IsNullOrWhiteSpace(scenario) ? "" : "?scenario=" + Uri.EscapeDataString(scenario);
}
