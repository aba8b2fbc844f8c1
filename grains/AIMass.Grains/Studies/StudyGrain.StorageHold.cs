using AIMass.Grains.Tenants;

namespace AIMass.Grains.Studies;

/// <summary>
/// A trial whose model did not fit the tenant's storage quota holds the study: no new trial is proposed (each would
/// train a model only to have it refused) until the tenant has room for a model of that size again.
/// </summary>
public sealed partial class StudyGrain
{
    /// <summary>The prefix of a trial's reason when its model was refused by the tenant's storage quota.</summary>
    private const string StorageQuotaExceeded = "storage quota exceeded";

    private void HoldIfStorageFull(TrialSummary trial)
    {
        if (trial.Status != TrialStatus.Failed || trial.Reason?.StartsWith(StorageQuotaExceeded, StringComparison.Ordinal) != true) return;
        S.StorageHold = trial.Reason;
        S.StorageHoldBytes = Math.Max(S.StorageHoldBytes, trial.ArtifactBytes ?? 0);
    }

    /// <summary>Whether the study is held by the storage quota; releases the hold once the tenant has room again.</summary>
    private async Task<bool> StorageHeldAsync()
    {
        if (S.StorageHold is null) return false;
        var tenant = await GrainFactory.GetGrain<ITenantGrain>(TenantId).GetAsync();
        if (tenant.Usage.StoredBytes + S.StorageHoldBytes > tenant.Quotas.MaxStoredBytes) return true;
        S.StorageHold = null;
        S.StorageHoldBytes = 0;
        _activity = null;
        _dirty = true;
        return false;
    }
}
