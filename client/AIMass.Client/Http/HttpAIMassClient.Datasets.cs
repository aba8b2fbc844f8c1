using System.Net.Http.Headers;
using AIMass.Client.Datasets;
using AIMass.Grains.Datasets;

namespace AIMass.Client.Http;

public sealed partial class HttpAIMassClient
{
    public Task<DatasetInfo> UploadDatasetAsync(Stream content, DatasetUploadOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        var form = new MultipartFormDataContent();
        var file = new StreamContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", Path.GetFileName(options.FileName));
        form.Add(new StringContent(options.Id ?? DatasetIds.FromFileName(options.FileName)), "id");
        if (!string.IsNullOrWhiteSpace(options.Name)) form.Add(new StringContent(options.Name), "name");
        if (!string.IsNullOrWhiteSpace(options.Target)) form.Add(new StringContent(options.Target), "target");
        if (options.Image is { } image) form.Add(new StringContent(image.ToString()), "image");
        return SendAsync<DatasetInfo>(HttpMethod.Post, "datasets", form, ct);
    }

    public async Task<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(CancellationToken ct = default) =>
        await GetAsync<DatasetInfo[]>("datasets", ct).ConfigureAwait(false);

    public Task<DatasetInfo> GetDatasetAsync(string datasetId, CancellationToken ct = default) =>
        GetAsync<DatasetInfo>($"datasets/{Segment(datasetId)}", ct);

    public Task DeleteDatasetAsync(string datasetId, CancellationToken ct = default) =>
        SendNoContentAsync(HttpMethod.Delete, $"datasets/{Segment(datasetId)}", ct);
}
