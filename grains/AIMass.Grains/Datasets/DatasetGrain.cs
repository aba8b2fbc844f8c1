using AIMass.Grains.Artifacts;
using AIMass.Grains.Datasets.Staging;
using AIMass.Grains.Hosting;
using AIMass.Grains.Security;
using AIMass.Grains.Tenants;
using Microsoft.Extensions.Logging;

namespace AIMass.Grains.Datasets;

/// <summary>
/// A data set: validated uploads (off the grain turn), the bytes in the artifact store (never in state),
/// one version per upload, and delete with its artifacts. A refused upload changes nothing.
/// </summary>
public sealed partial class DatasetGrain(
    [PersistentState("dataset", StorageNames.State)] IPersistentState<DatasetState> state,
    IArtifactStore artifacts,
    TimeProvider clock,
    ILogger<DatasetGrain> logger) : Grain, IDatasetGrain
{
    /// <summary>Largest accepted upload (the HTTP edge may be stricter).</summary>
    public const long MaxUploadBytes = UploadLimits.MaxFileBytes;

    private string Key => this.GetPrimaryKeyString();
    private string TenantId => GrainKeys.Split(Key).Tenant;
    private string DatasetId => GrainKeys.Split(Key).Id;

    /// <summary>
    /// Reconciles the tenant's count with the versions stored here: a silo killed between reserving an upload's bytes
    /// and storing its version left bytes counted that no version holds (the next upload of that version number
    /// replaces any file it wrote).
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        try
        {
            using (CallerContext.AsSystem()) await Tenant.SyncStorageAsync(DatasetId, state.State.Name, StoredBytes());
        }
        catch (Exception e)
        {
            LogReconcileFailed(e, Key);
        }
    }

    public async Task<DatasetInfo> UploadAsync(DatasetUpload upload)
    {
        // A reference into another tenant's staging area is refused before anything is read or deleted.
        if (!ArtifactPaths.IsStagedUpload(TenantId, upload.StagedPath))
        {
            throw ServiceException.Forbidden($"The staged upload '{upload.StagedPath}' is not one of tenant '{TenantId}'.");
        }
        try
        {
            return await StoreAsync(upload);
        }
        finally
        {
            await CleanStagingAsync(upload.StagedPath);
        }
    }

    private async Task<DatasetInfo> StoreAsync(DatasetUpload upload)
    {
        GrainKeys.ValidateId(DatasetId, "Data set");
        if (string.IsNullOrWhiteSpace(upload.Name) || upload.Name.Length > 200)
        {
            throw ServiceException.Invalid("The data set needs a name of at most 200 characters.", [new FieldError(null, "name", "required, at most 200 characters")]);
        }
        var content = await ReadStagedAsync(upload);
        var ingested = await Task.Run(() => DatasetIngestion.Ingest(content, upload.Target, upload.Image, MaxUploadBytes));
        var features = upload.Target is null
            ? new Dictionary<string, double>()
            : await Task.Run(() => MetaFeatureComputer.Compute(content, upload.Target, upload.Image));

        using (CallerContext.AsSystem())
        {
            await Tenant.ReserveStorageAsync(DatasetId, upload.Name, content.LongLength);
        }
        var version = state.State.Versions.Count == 0 ? 1 : state.State.Versions[^1].Version + 1;
        var path = ArtifactPaths.DatasetVersion(TenantId, DatasetId, version);
        try
        {
            await artifacts.WriteAllBytesAsync(path, content);
            if (state.State.Versions.Count == 0)
            {
                state.State.Name = upload.Name.Trim();
                state.State.CreatedUtc = clock.GetUtcNow();
            }
            state.State.Versions.Add(new DatasetVersionInfo
            {
                Version = version,
                ArtifactPath = path,
                Bytes = content.LongLength,
                Rows = ingested.Rows,
                Columns = ingested.Columns,
                UploadedUtc = clock.GetUtcNow(),
                Sha256 = ingested.Sha256,
                FileName = Path.GetFileName(upload.FileName),
                Schema = ingested.Schema,
                Image = upload.Image,
                MetaFeatures = features,
                MetaFeaturesTarget = upload.Target,
            });
            await state.WriteStateAsync();
        }
        catch
        {
            if (state.State.Versions.Count > 0 && state.State.Versions[^1].Version == version) state.State.Versions.RemoveAt(state.State.Versions.Count - 1);
            await artifacts.DeletePrefixAsync(path);
            using (CallerContext.AsSystem())
            {
                // Earlier versions stay, counted and indexed; only this upload's bytes are given back.
                await Tenant.SyncStorageAsync(DatasetId, state.State.Name, StoredBytes());
            }
            throw;
        }
        LogUploaded(Key, version, ingested.Rows, ingested.Columns);
        return Info();
    }

    /// <summary>Reads the staged file (capped: the reference's byte count is the edge's word, not a promise).</summary>
    private async Task<byte[]> ReadStagedAsync(DatasetUpload upload)
    {
        Stream stream;
        try
        {
            stream = await artifacts.OpenReadAsync(upload.StagedPath);
        }
        catch (FileNotFoundException)
        {
            throw ServiceException.Invalid($"The staged upload '{upload.StagedPath}' does not exist (stray staged files are removed after {StagingSweeper.MaxAge.TotalMinutes:0} minutes).",
                [new FieldError(null, "file", "the staged file is gone")]);
        }
        await using (stream)
        {
            using var buffer = new MemoryStream();
            await new UploadCountingStream(stream, UploadLimits.Service).CopyToAsync(buffer);
            if (upload.Bytes != buffer.Length)
            {
                throw ServiceException.Invalid($"The staged upload has {buffer.Length} bytes, not the {upload.Bytes} its reference names.", [new FieldError(null, "file", "changed after staging")]);
            }
            return buffer.ToArray();
        }
    }

    /// <summary>
    /// Deletes the upload's staged file, success or failure, and (best effort) this tenant's staged files that no grain
    /// took (an edge killed mid-upload) once they are an hour old.
    /// </summary>
    private async Task CleanStagingAsync(string stagedPath)
    {
        try
        {
            await artifacts.DeletePrefixAsync(stagedPath);
            await new StagingSweeper(artifacts, clock).SweepAsync(ArtifactPaths.StagingFolder(TenantId));
        }
        catch (Exception e)
        {
            LogSweepFailed(e, Key);
        }
    }

    public Task<DatasetInfo> GetAsync()
    {
        EnsureExists();
        return Task.FromResult(Info());
    }

    public Task<bool> ExistsAsync() => Task.FromResult(state.State.Versions.Count > 0);

    public async Task DeleteAsync()
    {
        EnsureExists();
        var bytes = StoredBytes();
        await artifacts.DeletePrefixAsync(ArtifactPaths.DatasetFolder(TenantId, DatasetId));
        await state.ClearStateAsync();
        using (CallerContext.AsSystem())
        {
            await Tenant.ReleaseStorageAsync(DatasetId, bytes);
        }
        LogDeleted(Key);
        DeactivateOnIdle();
    }

    public async Task SetMetaFeaturesAsync(int version, string target, Dictionary<string, double> metaFeatures)
    {
        EnsureExists();
        var index = state.State.Versions.FindIndex(v => v.Version == version);
        if (index < 0) throw ServiceException.NotFound($"Version {version} of data set '{DatasetId}'");
        state.State.Versions[index] = state.State.Versions[index] with { MetaFeatures = metaFeatures, MetaFeaturesTarget = target };
        await state.WriteStateAsync();
    }

    private DatasetInfo Info() => new()
    {
        TenantId = TenantId,
        DatasetId = DatasetId,
        Name = state.State.Name,
        Versions = state.State.Versions.ToArray(),
        CreatedUtc = state.State.CreatedUtc,
    };

    private long StoredBytes() => state.State.Versions.Sum(v => v.Bytes);

    private ITenantGrain Tenant => GrainFactory.GetGrain<ITenantGrain>(TenantId);

    private void EnsureExists()
    {
        if (state.State.Versions.Count == 0) throw ServiceException.NotFound($"Data set '{DatasetId}'");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Data set {DatasetKey} version {Version} stored: {Rows} rows, {Columns} columns")]
    private partial void LogUploaded(string datasetKey, int version, int rows, int columns);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data set {DatasetKey} could not reconcile its tenant's storage count; the next activation tries again")]
    private partial void LogReconcileFailed(Exception e, string datasetKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data set {DatasetKey} could not clean its tenant's staged uploads; the next upload or silo start tries again")]
    private partial void LogSweepFailed(Exception e, string datasetKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Data set {DatasetKey} deleted")]
    private partial void LogDeleted(string datasetKey);
}
