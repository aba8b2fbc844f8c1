namespace AIMass.Grains.Security;

/// <summary>Who is calling a grain, as set by the edge that authenticated the caller.</summary>
public enum CallerRole
{
    /// <summary>No identity was set: refused by every tenant-scoped grain.</summary>
    None = 0,

    /// <summary>A tenant, authenticated by one of its API keys.</summary>
    Tenant = 1,

    /// <summary>An administrator, authenticated by the admin key.</summary>
    Admin = 2,

    /// <summary>The service itself (silo services, timers, workers).</summary>
    System = 3,
}
