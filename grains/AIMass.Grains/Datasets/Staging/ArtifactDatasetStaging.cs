using System.Security.Cryptography;
using AIMass.Grains.Artifacts;
using AIMass.Grains.Security;

namespace AIMass.Grains.Datasets.Staging;

/// <summary>
/// Stages uploads in the artifact store under <c>staging/{tenant}/{random id}.csv</c>, streaming (never the whole file in
/// memory) through an <see cref="UploadCountingStream"/>; a refused or failed upload leaves no object behind.
/// </summary>
public sealed class ArtifactDatasetStaging(IArtifactStore artifacts) : IDatasetStaging
{
    public async Task<StagedUpload> StageAsync(string tenantId, Stream content, UploadLimits limits, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(limits);
        var path = ArtifactPaths.StagedUpload(GrainKeys.ValidateTenantId(tenantId), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        var counted = new UploadCountingStream(content, limits, progress);
        try
        {
            await artifacts.WriteAsync(path, counted, ct);
        }
        catch
        {
            await artifacts.DeletePrefixAsync(path, CancellationToken.None);
            throw;
        }
        return new StagedUpload(path, counted.Bytes, counted.Rows);
    }

    public async Task DeleteAsync(string stagedPath, CancellationToken ct = default)
    {
        if (!stagedPath.StartsWith(ArtifactPaths.StagingRoot, StringComparison.Ordinal) || stagedPath.EndsWith('/'))
        {
            throw new ArgumentException($"'{stagedPath}' is not a staged upload.", nameof(stagedPath));
        }
        await artifacts.DeletePrefixAsync(ArtifactPaths.Validate(stagedPath), ct);
    }
}
