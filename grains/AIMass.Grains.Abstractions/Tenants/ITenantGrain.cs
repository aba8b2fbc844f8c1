using AIMass.Grains.Security;

namespace AIMass.Grains.Tenants;

/// <summary>One tenant (key: tenant id): profile, hashed API keys, quotas, usage and its index of resources.</summary>
public interface ITenantGrain : IGrainWithStringKey, ITenantScopedGrain
{
    /// <summary>Creates the tenant and its first API key (the secret is returned once).</summary>
    [AdminOnly]
    Task<CreatedApiKey> CreateAsync(TenantCreateRequest request);

    /// <summary>The tenant's profile, quotas, usage and keys (without secrets).</summary>
    Task<TenantInfo> GetAsync();

    /// <summary>Whether the tenant exists.</summary>
    Task<bool> ExistsAsync();

    /// <summary>Checks a presented API key against the stored hashes.</summary>
    [SystemOnly]
    Task<bool> VerifyKeyAsync(string presentedKey);

    /// <summary>Adds an API key.</summary>
    Task<CreatedApiKey> CreateKeyAsync(string label);

    /// <summary>Replaces a key by a new one with the same label; the old one stops working at once.</summary>
    Task<CreatedApiKey> RotateKeyAsync(string keyId);

    /// <summary>Revokes a key.</summary>
    Task RevokeKeyAsync(string keyId);

    /// <summary>Changes the quotas.</summary>
    [AdminOnly]
    Task<TenantInfo> SetQuotasAsync(TenantQuotas quotas);

    /// <summary>Changes the fair-share weight (relative share of worker slots when several tenants wait).</summary>
    [AdminOnly]
    Task<TenantInfo> SetWeightAsync(double weight);

    /// <summary>Data sets of this tenant.</summary>
    Task<ResourceSummary[]> ListDatasetsAsync();

    /// <summary>Studies of this tenant.</summary>
    Task<ResourceSummary[]> ListStudiesAsync();

    /// <summary>
    /// A page of this tenant's studies, newest first (created time, then id), from the index alone: no study grain is
    /// called. <paramref name="limit"/> is 1..200; <paramref name="cursor"/> is a previous page's next cursor or null.
    /// </summary>
    Task<StudyListPage> ListStudyPageAsync(int limit, string? cursor);

    /// <summary>A study's summary for the list changed (status, progress): the index keeps it for list pages.</summary>
    [SystemOnly]
    Task UpdateStudyRowAsync(string studyId, AIMass.Grains.Studies.StudyInfo row);

    /// <summary>Records a new data set version's bytes, refusing it when the storage quota would be exceeded.</summary>
    [SystemOnly]
    Task ReserveStorageAsync(string datasetId, string name, long bytes);

    /// <summary>Frees stored bytes (a deleted data set) and forgets the data set.</summary>
    [SystemOnly]
    Task ReleaseStorageAsync(string datasetId, long bytes);

    /// <summary>
    /// Sets the bytes counted for a data set to what it holds now (its stored versions): an upload rolled back, or a
    /// reservation whose upload died before it was stored. 0 forgets the data set; a data set with versions stays indexed.
    /// </summary>
    [SystemOnly]
    Task SyncStorageAsync(string datasetId, string name, long bytes);

    /// <summary>Registers a new active study, refusing it when the active-study quota is reached.</summary>
    [SystemOnly]
    Task ReserveStudyAsync(string studyId, string name);

    /// <summary>A study finished, failed or was cancelled: it no longer counts as active.</summary>
    [SystemOnly]
    Task ReleaseStudyAsync(string studyId);

    /// <summary>
    /// A study was deleted: it leaves the index (and the study-count quota), and its models' stored bytes are given back.
    /// Returns whether the index knew it.
    /// </summary>
    [SystemOnly]
    Task<bool> ForgetStudyAsync(string studyId);

    /// <summary>
    /// Charges a trial's accepted model file to the tenant's stored bytes and to its study's index entry (given back when
    /// the study is deleted). Returns null when charged, or why not ("storage quota exceeded: ..."), charging nothing.
    /// </summary>
    [SystemOnly]
    Task<string?> ChargeModelStorageAsync(string studyId, long bytes);

    /// <summary>Adds training compute-seconds; returns whether today's quota still has room.</summary>
    [SystemOnly]
    Task<bool> AddComputeAsync(double seconds);

    /// <summary>Sends this tenant's weight, limits and block to the scheduler (which asks when it meets an unknown tenant).</summary>
    [SystemOnly, Orleans.Concurrency.OneWay]
    Task PublishPolicyAsync();

    /// <summary>
    /// Charges compute-seconds of a trial while it runs (its heartbeats), without counting a trial; returns whether
    /// today's quota still has room.
    /// </summary>
    [SystemOnly]
    Task<bool> ChargeComputeAsync(double seconds);

    /// <summary>Whether today's compute quota still has room.</summary>
    [SystemOnly]
    Task<bool> HasComputeLeftAsync();
}
