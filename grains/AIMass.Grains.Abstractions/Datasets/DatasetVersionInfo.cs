namespace AIMass.Grains.Datasets;

/// <summary>One uploaded version of a data set; its bytes live in the artifact store at <see cref="ArtifactPath"/>.</summary>
[GenerateSerializer, Immutable, Alias("aimass.dataset-version")]
public sealed record DatasetVersionInfo
{
    [Id(0)] public int Version { get; init; }
    [Id(1)] public required string ArtifactPath { get; init; }
    [Id(2)] public long Bytes { get; init; }
    [Id(3)] public int Rows { get; init; }
    [Id(4)] public int Columns { get; init; }
    [Id(5)] public DateTimeOffset UploadedUtc { get; init; }
    [Id(6)] public required string Sha256 { get; init; }
    [Id(7)] public required string FileName { get; init; }
    [Id(8)] public ColumnInfo[] Schema { get; init; } = [];
    [Id(9)] public ImageShape? Image { get; init; }

    /// <summary>Meta-features (rows, classes, entropy, landmarkers, ...) for <see cref="MetaFeaturesTarget"/>; empty until computed.</summary>
    [Id(10)] public Dictionary<string, double> MetaFeatures { get; init; } = [];

    /// <summary>The target column the meta-features were computed for (they depend on it).</summary>
    [Id(11)] public string? MetaFeaturesTarget { get; init; }
}
