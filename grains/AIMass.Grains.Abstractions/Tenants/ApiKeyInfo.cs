namespace AIMass.Grains.Tenants;

/// <summary>An API key as listed: never its secret, only an id, a label and a recognisable prefix.</summary>
[GenerateSerializer, Immutable, Alias("aimass.api-key-info")]
public sealed record ApiKeyInfo(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Label,
    [property: Id(2)] string Prefix,
    [property: Id(3)] DateTimeOffset CreatedUtc,
    [property: Id(4)] DateTimeOffset? RevokedUtc)
{
    public bool Active => RevokedUtc is null;
}
