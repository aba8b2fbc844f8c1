using AIMass.Grains.Studies;

namespace AIMass.Grains.Tenants;

/// <summary>
/// One row of a tenant's study list: the study's id, when the index recorded it, and the summary its study grain last
/// reported (null for a study that has reported none yet; ask the study grain for those).
/// </summary>
[GenerateSerializer, Immutable, Alias("aimass.study-list-entry")]
public sealed record StudyListEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset CreatedUtc,
    [property: Id(2)] StudyInfo? Study);
