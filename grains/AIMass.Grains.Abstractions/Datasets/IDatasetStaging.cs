namespace AIMass.Grains.Datasets;

/// <summary>
/// Where an upload's bytes go before a data set grain takes them (a host service, not a grain): the edge (the web host,
/// the portal, the grain-backed SDK client) streams the CSV here with the caps enforced while reading, then sends the
/// grain a <see cref="DatasetUpload"/> that names the staged object. Bytes travel beside grain calls, never in them.
/// </summary>
public interface IDatasetStaging
{
    /// <summary>
    /// Streams <paramref name="content"/> to a new staging object of <paramref name="tenantId"/>, counting bytes and rows.
    /// The moment a limit is passed it stops reading and throws a <see cref="ServiceException"/> (bytes: too large; rows:
    /// invalid), leaving nothing staged. <paramref name="progress"/>, when given, hears the bytes read so far.
    /// </summary>
    Task<StagedUpload> StageAsync(string tenantId, Stream content, UploadLimits limits, IProgress<long>? progress = null, CancellationToken ct = default);

    /// <summary>Deletes a staged object; nothing happens when it is already gone.</summary>
    Task DeleteAsync(string stagedPath, CancellationToken ct = default);
}
