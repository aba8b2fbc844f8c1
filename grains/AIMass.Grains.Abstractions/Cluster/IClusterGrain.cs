using AIMass.Grains.Security;

namespace AIMass.Grains.Cluster;

/// <summary>Admin operations over the whole cluster (a single grain, key <see cref="Key"/>).</summary>
public interface IClusterGrain : IGrainWithStringKey
{
    public const string Key = "cluster";

    /// <summary>Silos with role and devices, workers busy or idle, queue per tenant.</summary>
    [AdminOnly]
    Task<ClusterView> GetViewAsync();

    /// <summary>Drains a silo: it takes no new leases; running jobs finish, or are handed back.</summary>
    [AdminOnly]
    Task<SiloInfo> DrainSiloAsync(string siloName, bool handBack = false);

    /// <summary>Lets a drained silo take leases again.</summary>
    [AdminOnly]
    Task<SiloInfo> UndrainSiloAsync(string siloName);
}
