using AIMass.Client.Datasets;
using AIMass.Client.Tenants;
using AIMass.Grains.Cluster;
using AIMass.Grains.Datasets;
using AIMass.Grains.Models;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;

namespace AIMass.Client;

/// <summary>
/// The AIMass service as one .NET interface, over HTTP (<see cref="Http.HttpAIMassClient"/>) or over grains
/// (<see cref="Grains.GrainAIMassClient"/>); both behave alike. A refusal is a
/// <see cref="AIMass.Grains.ServiceException"/> whose <c>Kind</c> and <c>Errors</c> say what is wrong (row,
/// column or field); a failure of the service itself is an <see cref="Errors.AIMassServerException"/>.
/// </summary>
public interface IAIMassClient
{
    // ---- Tenants -------------------------------------------------------------------------------

    /// <summary>The calling tenant's profile, quotas, usage and keys.</summary>
    Task<TenantInfo> GetMeAsync(CancellationToken ct = default);

    /// <summary>All tenants (admin).</summary>
    Task<IReadOnlyList<TenantInfo>> ListTenantsAsync(CancellationToken ct = default);

    /// <summary>Creates a tenant and its first API key (admin).</summary>
    Task<TenantCreated> CreateTenantAsync(NewTenant tenant, CancellationToken ct = default);

    /// <summary>One tenant (admin, or that tenant).</summary>
    Task<TenantInfo> GetTenantAsync(string tenantId, CancellationToken ct = default);

    /// <summary>Replaces a tenant's quotas (admin).</summary>
    Task<TenantInfo> SetQuotasAsync(string tenantId, TenantQuotas quotas, CancellationToken ct = default);

    /// <summary>Changes a tenant's fair-share weight (admin).</summary>
    Task<TenantInfo> SetWeightAsync(string tenantId, double weight, CancellationToken ct = default);

    /// <summary>Adds an API key to a tenant (admin, or that tenant); the secret is returned once.</summary>
    Task<CreatedApiKey> CreateApiKeyAsync(string tenantId, string label, CancellationToken ct = default);

    /// <summary>Replaces a key by a new one with the same label; the old one stops working at once.</summary>
    Task<CreatedApiKey> RotateApiKeyAsync(string tenantId, string keyId, CancellationToken ct = default);

    /// <summary>Revokes a key.</summary>
    Task RevokeApiKeyAsync(string tenantId, string keyId, CancellationToken ct = default);

    // ---- Data sets -----------------------------------------------------------------------------

    /// <summary>Uploads a CSV (header row first) as a new data set or a new version of one; validated by the service.</summary>
    Task<DatasetInfo> UploadDatasetAsync(Stream content, DatasetUploadOptions options, CancellationToken ct = default);

    /// <summary>The caller's data sets.</summary>
    Task<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(CancellationToken ct = default);

    /// <summary>One data set with all its versions.</summary>
    Task<DatasetInfo> GetDatasetAsync(string datasetId, CancellationToken ct = default);

    /// <summary>Deletes a data set and its stored versions.</summary>
    Task DeleteDatasetAsync(string datasetId, CancellationToken ct = default);

    // ---- Studies -------------------------------------------------------------------------------

    /// <summary>Creates and starts a study; a null <paramref name="studyId"/> lets the service choose one.</summary>
    Task<StudyInfo> CreateStudyAsync(StudySpec spec, string? studyId = null, CancellationToken ct = default);

    /// <summary>A study's state and summary figures.</summary>
    Task<StudyInfo> GetStudyAsync(string studyId, CancellationToken ct = default);

    /// <summary>The caller's studies.</summary>
    Task<IReadOnlyList<StudyInfo>> ListStudiesAsync(CancellationToken ct = default);

    /// <summary>Stops handing out trials; running ones finish.</summary>
    Task<StudyInfo> PauseStudyAsync(string studyId, CancellationToken ct = default);

    /// <summary>Continues a paused study.</summary>
    Task<StudyInfo> ResumeStudyAsync(string studyId, CancellationToken ct = default);

    /// <summary>Stops a study; running trials are abandoned.</summary>
    Task<StudyInfo> CancelStudyAsync(string studyId, CancellationToken ct = default);

    /// <summary>Deletes a study (cancelled first when running) with its trials, models and leaderboards.</summary>
    Task DeleteStudyAsync(string studyId, CancellationToken ct = default);

    /// <summary>All trials of a study, in number order.</summary>
    Task<IReadOnlyList<TrialSummary>> GetTrialsAsync(string studyId, CancellationToken ct = default);

    /// <summary>Models on the Pareto front of validation score, parameters and latency.</summary>
    Task<IReadOnlyList<TrialSummary>> GetParetoFrontAsync(string studyId, CancellationToken ct = default);

    /// <summary>Share of the objective's variance each parameter explains.</summary>
    Task<IReadOnlyDictionary<string, double>> GetParameterImportancesAsync(string studyId, CancellationToken ct = default);

    /// <summary>
    /// Polls the study until it is completed, cancelled or failed, reporting each change to
    /// <paramref name="progress"/>; returns the final state. Cancelling <paramref name="ct"/> stops waiting, not the study.
    /// </summary>
    Task<StudyInfo> WaitForCompletionAsync(string studyId, IProgress<StudyProgress>? progress = null, CancellationToken ct = default);

    // ---- Leaderboards and models ---------------------------------------------------------------

    /// <summary>The leaderboard of every scenario of a study.</summary>
    Task<IReadOnlyList<Leaderboard>> GetLeaderboardsAsync(string studyId, CancellationToken ct = default);

    /// <summary>The leaderboard of one scenario.</summary>
    Task<Leaderboard> GetLeaderboardAsync(string studyId, string scenario, CancellationToken ct = default);

    /// <summary>The best model of a scenario (null: the study's first scenario); NotFound while no model meets it.</summary>
    Task<ModelInfo> GetBestModelAsync(string studyId, string? scenario = null, CancellationToken ct = default);

    /// <summary>The model of one complete trial.</summary>
    Task<ModelInfo> GetModelAsync(string studyId, int trialNumber, CancellationToken ct = default);

    /// <summary>The model artifact (a zip) of one complete trial.</summary>
    Task<byte[]> DownloadModelAsync(string studyId, int trialNumber, CancellationToken ct = default);

    /// <summary>Predicts rows with the best model of a scenario (null: the study's first scenario).</summary>
    Task<PredictionResponse> PredictAsync(string studyId, string? scenario, PredictionRequest request, CancellationToken ct = default);

    /// <summary>Predicts rows with the model of one trial.</summary>
    Task<PredictionResponse> PredictWithModelAsync(string studyId, int trialNumber, PredictionRequest request, CancellationToken ct = default);

    // ---- Administration ------------------------------------------------------------------------

    /// <summary>Silos with role and devices, workers, queue per tenant (admin).</summary>
    Task<ClusterView> GetClusterAsync(CancellationToken ct = default);

    /// <summary>Drains a silo: it takes no new leases; running jobs finish, or are handed back (admin).</summary>
    Task<SiloInfo> DrainSiloAsync(string siloName, bool handBack = false, CancellationToken ct = default);

    /// <summary>Lets a drained silo take leases again (admin).</summary>
    Task<SiloInfo> UndrainSiloAsync(string siloName, CancellationToken ct = default);
}
