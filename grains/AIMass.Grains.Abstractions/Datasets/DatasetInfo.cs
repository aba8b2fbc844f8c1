namespace AIMass.Grains.Datasets;

/// <summary>A data set with all its versions; the latest is <see cref="Current"/>.</summary>
[GenerateSerializer, Immutable, Alias("aimass.dataset-info")]
public sealed record DatasetInfo
{
    [Id(0)] public required string TenantId { get; init; }
    [Id(1)] public required string DatasetId { get; init; }
    [Id(2)] public required string Name { get; init; }
    [Id(3)] public DatasetVersionInfo[] Versions { get; init; } = [];
    [Id(4)] public DateTimeOffset CreatedUtc { get; init; }

    public DatasetVersionInfo Current => Versions[^1];

    public DatasetVersionInfo Version(int? version) => version is null
        ? Current
        : Versions.FirstOrDefault(v => v.Version == version)
            ?? throw ServiceException.NotFound($"Version {version} of data set '{DatasetId}'");
}
