namespace AIMass.Grains.Tenants;

/// <summary>A page of a tenant's studies, newest first, and the cursor of the next page (null on the last).</summary>
[GenerateSerializer, Immutable, Alias("aimass.study-list-page")]
public sealed record StudyListPage(
    [property: Id(0)] StudyListEntry[] Entries,
    [property: Id(1)] string? NextCursor);
