namespace AIMass.Grains.Tenants;

/// <summary>A newly created key. <see cref="Secret"/> is shown this once; only its hash is stored.</summary>
[GenerateSerializer, Immutable, Alias("aimass.created-api-key")]
public sealed record CreatedApiKey(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string KeyId,
    [property: Id(2)] string Secret);
