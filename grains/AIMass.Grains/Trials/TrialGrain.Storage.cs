using AIMass.Grains.Artifacts;
using AIMass.Grains.Security;
using AIMass.Grains.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace AIMass.Grains.Trials;

/// <summary>
/// An accepted result's model file counts against the tenant's stored bytes. One that would exceed the tenant's
/// storage quota is deleted, and the trial fails with the reason (its study then holds until bytes are freed).
/// </summary>
public sealed partial class TrialGrain
{
    /// <summary>Charges the model of an accepted result; returns why it may not be kept, or null (kept, or no model).</summary>
    private async Task<string?> ChargeModelAsync(TrialResult result)
    {
        if (result.ArtifactPath is null) return null;
        string? refusal;
        using (CallerContext.AsSystem())
        {
            refusal = await GrainFactory.GetGrain<ITenantGrain>(S.Job!.TenantId).ChargeModelStorageAsync(S.Job.StudyId, result.ArtifactBytes ?? 0);
        }
        if (refusal is not null) await ServiceProvider.GetRequiredService<IArtifactStore>().DeletePrefixAsync(AttemptArtifact(S.Lease!));
        return refusal;
    }
}
