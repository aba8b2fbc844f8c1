namespace AIMass.Grains.Datasets;

/// <summary>An upload: the CSV bytes and what the tenant says about them.</summary>
[GenerateSerializer, Immutable, Alias("aimass.dataset-upload")]
public sealed record DatasetUpload
{
    /// <summary>A display name (defaults to the file name).</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>The original file name.</summary>
    [Id(1)] public string FileName { get; init; } = "data.csv";

    /// <summary>The CSV file's bytes (header row first).</summary>
    [Id(2)] public required byte[] Content { get; init; }

    /// <summary>When given, the column is checked to exist and validated as a target.</summary>
    [Id(3)] public string? Target { get; init; }

    /// <summary>For an image data set: the shape of the pixel columns.</summary>
    [Id(4)] public ImageShape? Image { get; init; }
}
