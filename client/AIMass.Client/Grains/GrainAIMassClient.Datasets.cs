using AIMass.Client.Datasets;
using AIMass.Grains.Datasets;
using AIMass.Grains.Tenants;

namespace AIMass.Client.Grains;

public sealed partial class GrainAIMassClient
{
    public async Task<DatasetInfo> UploadDatasetAsync(Stream content, DatasetUploadOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        var id = options.Id ?? DatasetIds.FromFileName(options.FileName);
        var key = Scoped(id, "Data set");
        var staging = _staging ?? throw new InvalidOperationException(
            "Uploading over grains streams the file to the cluster's staging area first: give this client the host's IDatasetStaging "
            + "(a silo host has one; an Orleans client host calls AddAIMassArtifactStore) or use the HTTP transport.");
        var tenant = Tenant;
        var staged = await staging.StageAsync(tenant, content, UploadLimits.Service, ct: ct).ConfigureAwait(false);
        try
        {
            var upload = DatasetUpload.For(
                staged,
                name: string.IsNullOrWhiteSpace(options.Name) ? Path.GetFileName(options.FileName) : options.Name,
                fileName: Path.GetFileName(options.FileName),
                target: string.IsNullOrWhiteSpace(options.Target) ? null : options.Target,
                image: options.Image);
            return await CallAsync(() => _grains.GetGrain<IDatasetGrain>(key).UploadAsync(upload), ct).ConfigureAwait(false);
        }
        finally
        {
            // The grain deletes it too; this covers a call that never reached the grain.
            await staging.DeleteAsync(staged.Path, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public Task<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(CancellationToken ct = default) =>
        CallAsync<IReadOnlyList<DatasetInfo>>(async () =>
        {
            var index = await _grains.GetGrain<ITenantGrain>(Tenant).ListDatasetsAsync();
            return await Task.WhenAll(index.Select(d => _grains.GetGrain<IDatasetGrain>(AIMass.Grains.Security.GrainKeys.Scoped(Tenant, d.Id)).GetAsync()));
        }, ct);

    public Task<DatasetInfo> GetDatasetAsync(string datasetId, CancellationToken ct = default) =>
        CallAsync(() => _grains.GetGrain<IDatasetGrain>(Scoped(datasetId, "Data set")).GetAsync(), ct);

    public Task DeleteDatasetAsync(string datasetId, CancellationToken ct = default) =>
        CallAsync(() => _grains.GetGrain<IDatasetGrain>(Scoped(datasetId, "Data set")).DeleteAsync(), ct);
}
