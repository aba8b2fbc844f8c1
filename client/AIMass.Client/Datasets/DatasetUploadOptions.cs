using AIMass.Grains.Datasets;

namespace AIMass.Client.Datasets;

/// <summary>What to say about an uploaded CSV file besides its bytes.</summary>
public sealed record DatasetUploadOptions
{
    /// <summary>The data set id (1-64 letters, digits, '-', '_', '.'); null derives it from the file name.</summary>
    public string? Id { get; init; }

    /// <summary>A display name; null uses the file name.</summary>
    public string? Name { get; init; }

    /// <summary>The file name as uploaded (used for the id and name when those are not given).</summary>
    public string FileName { get; init; } = "data.csv";

    /// <summary>When given, the column is checked to exist and validated as a target.</summary>
    public string? Target { get; init; }

    /// <summary>For an image data set: the shape of the pixel columns.</summary>
    public ImageShape? Image { get; init; }
}
