namespace AIMass.Grains.Tenants;

/// <summary>Persistent state of the tenant directory: every tenant id.</summary>
[GenerateSerializer, Alias("aimass.tenant-directory-state")]
public sealed class TenantDirectoryState
{
    [Id(0)] public SortedSet<string> Tenants { get; set; } = new(StringComparer.Ordinal);
}
