namespace AIMass.Grains.Tenants;

/// <summary>Persistent state of a tenant grain.</summary>
[GenerateSerializer, Alias("aimass.tenant-state")]
public sealed class TenantState
{
    [Id(0)] public bool Created { get; set; }
    [Id(1)] public string DisplayName { get; set; } = "";
    [Id(2)] public double Weight { get; set; } = 1;
    [Id(3)] public TenantQuotas Quotas { get; set; } = TenantQuotas.Default;
    [Id(4)] public bool ShareMetaKnowledge { get; set; } = true;
    [Id(5)] public DateTimeOffset CreatedUtc { get; set; }
    [Id(6)] public List<StoredApiKey> Keys { get; set; } = [];
    [Id(7)] public TenantUsage Usage { get; set; } = new();

    /// <summary>Data set id to (name, created, stored bytes).</summary>
    [Id(8)] public Dictionary<string, IndexedResource> Datasets { get; set; } = [];

    /// <summary>Study id to (name, created, active).</summary>
    [Id(9)] public Dictionary<string, IndexedResource> Studies { get; set; } = [];
}
