using AIMass.Grains;
using AIMass.Grains.Cluster;
using AIMass.Grains.Models;
using AIMass.Grains.Security;
using AIMass.Grains.Studies;

namespace AIMass.Client.Grains;

public sealed partial class GrainAIMassClient
{
    public Task<IReadOnlyList<Leaderboard>> GetLeaderboardsAsync(string studyId, CancellationToken ct = default) =>
        CallAsync<IReadOnlyList<Leaderboard>>(async () => await StudyById(studyId).GetLeaderboardsAsync(), ct);

    public Task<Leaderboard> GetLeaderboardAsync(string studyId, string scenario, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scenario);
        return CallAsync(() => StudyById(studyId).GetLeaderboardAsync(scenario), ct);
    }

    public Task<ModelInfo> GetBestModelAsync(string studyId, string? scenario = null, CancellationToken ct = default) =>
        CallAsync(async () => await Model(studyId, await BestTrialAsync(studyId, scenario)).GetAsync(), ct);

    public Task<ModelInfo> GetModelAsync(string studyId, int trialNumber, CancellationToken ct = default) =>
        CallAsync(() => Model(studyId, trialNumber).GetAsync(), ct);

    public Task<byte[]> DownloadModelAsync(string studyId, int trialNumber, CancellationToken ct = default) =>
        CallAsync(() => Model(studyId, trialNumber).DownloadAsync(), ct);

    public Task<PredictionResponse> PredictAsync(string studyId, string? scenario, PredictionRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync(async () => await Model(studyId, await BestTrialAsync(studyId, scenario)).PredictAsync(request), ct);
    }

    public Task<PredictionResponse> PredictWithModelAsync(string studyId, int trialNumber, PredictionRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync(() => Model(studyId, trialNumber).PredictAsync(request), ct);
    }

    public Task<ClusterView> GetClusterAsync(CancellationToken ct = default) =>
        CallAsync(() => _grains.GetGrain<IClusterGrain>(IClusterGrain.Key).GetViewAsync(), ct);

    public Task<SiloInfo> DrainSiloAsync(string siloName, bool handBack = false, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(siloName);
        return CallAsync(() => _grains.GetGrain<IClusterGrain>(IClusterGrain.Key).DrainSiloAsync(siloName, handBack), ct);
    }

    public Task<SiloInfo> UndrainSiloAsync(string siloName, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(siloName);
        return CallAsync(() => _grains.GetGrain<IClusterGrain>(IClusterGrain.Key).UndrainSiloAsync(siloName), ct);
    }

    /// <summary>The trial number of a scenario's best model (the caller context is already set).</summary>
    private async Task<int> BestTrialAsync(string studyId, string? scenario)
    {
        var board = await StudyById(studyId).GetLeaderboardAsync(scenario);
        return board.Best?.TrialNumber
            ?? throw ServiceException.NotFound($"A model meeting scenario '{board.Scenario.Name}' of study '{studyId}' (no complete trial meets it yet)");
    }

    private IModelGrain Model(string studyId, int trialNumber)
    {
        if (trialNumber < 0) throw ServiceException.Invalid($"Trial number {trialNumber} is invalid: trials are numbered from 0.", [new FieldError(null, "trial", "must not be negative")]);
        return _grains.GetGrain<IModelGrain>(GrainKeys.Trial(Tenant, GrainKeys.ValidateId(studyId, "Study"), trialNumber));
    }
}
