namespace AIMass.Grains.Tenants;

/// <summary>An entry of a tenant's index: a data set (with its stored bytes) or a study (with whether it is active).</summary>
[GenerateSerializer, Alias("aimass.indexed-resource")]
public sealed class IndexedResource
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public DateTimeOffset CreatedUtc { get; set; }
    [Id(2)] public long Bytes { get; set; }
    [Id(3)] public bool Active { get; set; }

    /// <summary>A study's list row as its grain last reported it (null until it reports).</summary>
    [Id(4)] public AIMass.Grains.Studies.StudyInfo? Row { get; set; }
}
