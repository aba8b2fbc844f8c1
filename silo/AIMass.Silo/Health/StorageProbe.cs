namespace AIMass.Silo.Health;

/// <summary>The record the storage health check reads (never written: a read that finds nothing still reaches the store).</summary>
[GenerateSerializer]
public sealed class StorageProbe
{
    [Id(0)] public DateTimeOffset Written { get; set; }
}
