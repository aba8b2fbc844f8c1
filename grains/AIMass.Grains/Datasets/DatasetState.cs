namespace AIMass.Grains.Datasets;

/// <summary>Persistent state of a data set grain: metadata of each version, never the bytes.</summary>
[GenerateSerializer, Alias("aimass.dataset-state")]
public sealed class DatasetState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public DateTimeOffset CreatedUtc { get; set; }
    [Id(2)] public List<DatasetVersionInfo> Versions { get; set; } = [];
}
