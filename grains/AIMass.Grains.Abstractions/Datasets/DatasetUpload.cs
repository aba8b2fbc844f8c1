namespace AIMass.Grains.Datasets;

/// <summary>
/// An upload: a reference to the CSV the edge streamed to the tenant's staging area (see <see cref="IDatasetStaging"/>)
/// and what the tenant says about it. The bytes never travel in the grain message.
/// </summary>
[GenerateSerializer, Immutable, Alias("aimass.dataset-upload")]
public sealed record DatasetUpload
{
    /// <summary>A display name (defaults to the file name).</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>The original file name.</summary>
    [Id(1)] public string FileName { get; init; } = "data.csv";

    // Id 2 held the CSV bytes before uploads were staged; it is not reused.

    /// <summary>When given, the column is checked to exist and validated as a target.</summary>
    [Id(3)] public string? Target { get; init; }

    /// <summary>For an image data set: the shape of the pixel columns.</summary>
    [Id(4)] public ImageShape? Image { get; init; }

    /// <summary>The staged CSV (header row first): a path in the uploading tenant's staging area.</summary>
    [Id(5)] public required string StagedPath { get; init; }

    /// <summary>The staged object's size in bytes, as the edge counted it.</summary>
    [Id(6)] public long Bytes { get; init; }

    /// <summary>The upload for a staged file.</summary>
    public static DatasetUpload For(StagedUpload staged, string name, string? fileName = null, string? target = null, ImageShape? image = null) => new()
    {
        Name = name,
        FileName = fileName ?? "data.csv",
        StagedPath = staged.Path,
        Bytes = staged.Bytes,
        Target = target,
        Image = image,
    };
}
