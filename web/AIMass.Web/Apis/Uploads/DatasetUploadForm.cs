using AIMass.Grains.Datasets;

namespace AIMass.Web.Apis.Uploads;

/// <summary>What a multipart upload carried: the data set id and the upload for the grain.</summary>
public sealed record DatasetUploadForm(string DatasetId, DatasetUpload Upload);
