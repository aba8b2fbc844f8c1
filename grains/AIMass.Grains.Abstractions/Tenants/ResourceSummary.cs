namespace AIMass.Grains.Tenants;

/// <summary>One entry of a tenant's index of data sets or studies.</summary>
[GenerateSerializer, Immutable, Alias("aimass.resource-summary")]
public sealed record ResourceSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedUtc);
