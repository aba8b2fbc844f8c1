namespace AIMass.Grains.Workers.Placement;

/// <summary>Silo metadata entries every AIMass silo publishes (read by placement and the cluster view).</summary>
public static class SiloMetadataKeys
{
    /// <summary>The silo's unique name (first part of its worker keys).</summary>
    public const string Silo = "aimass.silo";

    /// <summary>The silo's role: <c>gpu</c>, <c>cpu</c> or <c>control</c> (no training).</summary>
    public const string Role = "aimass.role";

    /// <summary>Comma-separated devices: <c>cpu</c>, <c>cuda:0,cuda:1</c>; empty for a silo without workers.</summary>
    public const string Devices = "aimass.devices";
}
