namespace AIMass.Grains.Tenants;

/// <summary>An API key as stored: its SHA-256 hash, never the key.</summary>
[GenerateSerializer, Alias("aimass.stored-api-key")]
public sealed class StoredApiKey
{
    [Id(0)] public string KeyId { get; set; } = "";
    [Id(1)] public string Label { get; set; } = "";
    [Id(2)] public string Hash { get; set; } = "";
    [Id(3)] public string Prefix { get; set; } = "";
    [Id(4)] public DateTimeOffset CreatedUtc { get; set; }
    [Id(5)] public DateTimeOffset? RevokedUtc { get; set; }

    public ApiKeyInfo ToInfo() => new(KeyId, Label, Prefix, CreatedUtc, RevokedUtc);
}
