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
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct).ConfigureAwait(false);
        var upload = new DatasetUpload
        {
            Name = string.IsNullOrWhiteSpace(options.Name) ? Path.GetFileName(options.FileName) : options.Name,
            FileName = Path.GetFileName(options.FileName),
            Content = buffer.ToArray(),
            Target = string.IsNullOrWhiteSpace(options.Target) ? null : options.Target,
            Image = options.Image,
        };
        return await CallAsync(() => _grains.GetGrain<IDatasetGrain>(key).UploadAsync(upload), ct).ConfigureAwait(false);
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
