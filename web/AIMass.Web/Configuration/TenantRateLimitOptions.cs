namespace AIMass.Web.Configuration;

/// <summary>
/// A token bucket per tenant (and one for the admin): <see cref="PermitsPerSecond"/> requests a second on
/// average, bursts up to <see cref="Burst"/>. Requests beyond it are answered 429 with <c>Retry-After</c>.
/// </summary>
public sealed class TenantRateLimitOptions
{
    /// <summary>Whether the API is rate limited at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Tokens added to a tenant's bucket each second.</summary>
    public int PermitsPerSecond { get; set; } = 100;

    /// <summary>The bucket's size: the most requests a tenant may make at once after being idle.</summary>
    public int Burst { get; set; } = 200;

    /// <summary>Requests that wait for a token instead of being refused at once.</summary>
    public int QueueLimit { get; set; }

    /// <summary>
    /// Requests a second, per client address, that present a key which fails authentication; past the bucket of
    /// <see cref="FailedAuthenticationBurst"/> such requests, every request from that address that presents a key is
    /// answered 429 before its key is looked at.
    /// </summary>
    public int FailedAuthenticationsPerSecond { get; set; } = 2;

    /// <summary>Failed authentications an address may make at once.</summary>
    public int FailedAuthenticationBurst { get; set; } = 20;

    /// <summary>Per-tenant overrides of <see cref="PermitsPerSecond"/> (the burst scales with it).</summary>
    public Dictionary<string, int> Tenants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The permits per second of one tenant.</summary>
    public int PermitsFor(string partition) => Tenants.TryGetValue(partition, out var permits) ? permits : PermitsPerSecond;

    /// <summary>The bucket size of one tenant: <see cref="Burst"/>, scaled for overridden tenants.</summary>
    public int BurstFor(string partition) =>
        Tenants.TryGetValue(partition, out var permits)
            ? Math.Max(1, (int)Math.Round((double)Burst * permits / Math.Max(1, PermitsPerSecond)))
            : Burst;

    internal IEnumerable<string> Validate(string at)
    {
        if (PermitsPerSecond < 1) yield return $"{at}:PermitsPerSecond must be at least 1";
        if (Burst < 1) yield return $"{at}:Burst must be at least 1";
        if (QueueLimit < 0) yield return $"{at}:QueueLimit must not be negative";
        if (FailedAuthenticationsPerSecond < 1) yield return $"{at}:FailedAuthenticationsPerSecond must be at least 1";
        if (FailedAuthenticationBurst < 1) yield return $"{at}:FailedAuthenticationBurst must be at least 1";
        foreach (var (tenant, permits) in Tenants)
        {
            if (permits < 1) yield return $"{at}:Tenants:{tenant} must be at least 1";
        }
    }
}
