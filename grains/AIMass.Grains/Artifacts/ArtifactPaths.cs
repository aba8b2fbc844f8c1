namespace AIMass.Grains.Artifacts;

/// <summary>The layout of the artifact store; every path starts with the owning tenant.</summary>
public static class ArtifactPaths
{
    public static string DatasetFolder(string tenant, string dataset) => $"tenants/{tenant}/datasets/{dataset}/";

    public static string DatasetVersion(string tenant, string dataset, int version) => $"{DatasetFolder(tenant, dataset)}v{version}.csv";

    public static string StudyFolder(string tenant, string study) => $"tenants/{tenant}/studies/{study}/";

    public static string TrialModel(string tenant, string study, int number) => $"{StudyFolder(tenant, study)}trials/{number}.zip";

    /// <summary>
    /// The model one attempt (lease) of a trial writes: attempts never share a file, so a stale attempt that still writes
    /// cannot replace the model of the attempt the trial accepted.
    /// </summary>
    public static string TrialAttemptModel(string tenant, string study, int number, int attempt, string leaseId) =>
        Validate($"{StudyFolder(tenant, study)}trials/{number}/attempt-{attempt}-{leaseId}.zip");

    /// <summary>Where every tenant's staged uploads lie.</summary>
    public const string StagingRoot = "staging/";

    /// <summary>A tenant's staged uploads (see <see cref="Datasets.IDatasetStaging"/>).</summary>
    public static string StagingFolder(string tenant) => $"{StagingRoot}{tenant}/";

    /// <summary>One staged upload; <paramref name="uploadId"/> is 32 random lowercase hex digits.</summary>
    public static string StagedUpload(string tenant, string uploadId) => Validate($"{StagingFolder(tenant)}{uploadId}.csv");

    /// <summary>Whether <paramref name="path"/> is exactly a staged upload of <paramref name="tenant"/> (and of no other tenant).</summary>
    public static bool IsStagedUpload(string tenant, string? path)
    {
        var folder = StagingFolder(tenant);
        if (path is null || !path.StartsWith(folder, StringComparison.Ordinal) || !path.EndsWith(".csv", StringComparison.Ordinal)) return false;
        var id = path.AsSpan(folder.Length, path.Length - folder.Length - ".csv".Length);
        return id.Length == 32 && !id.ContainsAnyExcept("0123456789abcdef");
    }

    /// <summary>Refuses paths that could escape the store's root.</summary>
    public static string Validate(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.StartsWith('/') || path.Contains('\\') || path.Split('/').Any(p => p is ".." or "."))
        {
            throw new ArgumentException($"Artifact path '{path}' is not a relative, normalised path.", nameof(path));
        }
        return path;
    }
}
