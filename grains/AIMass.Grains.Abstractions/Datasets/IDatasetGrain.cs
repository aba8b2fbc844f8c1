using AIMass.Grains.Security;

namespace AIMass.Grains.Datasets;

/// <summary>
/// One data set of a tenant (key <c>{tenant}/{dataset}</c>). Uploads are validated off the grain turn; the
/// bytes go to the artifact store, never into grain state; each upload is a new version.
/// </summary>
public interface IDatasetGrain : IGrainWithStringKey, ITenantScopedGrain
{
    /// <summary>Validates and stores a new version; a refused upload changes nothing and names each error's row and column.</summary>
    Task<DatasetInfo> UploadAsync(DatasetUpload upload);

    /// <summary>The data set (404 when it does not exist).</summary>
    Task<DatasetInfo> GetAsync();

    /// <summary>Whether the data set exists.</summary>
    Task<bool> ExistsAsync();

    /// <summary>Deletes the data set and its stored versions.</summary>
    Task DeleteAsync();

    /// <summary>Stores the meta-features computed for a version and target.</summary>
    [SystemOnly]
    Task SetMetaFeaturesAsync(int version, string target, Dictionary<string, double> metaFeatures);
}
