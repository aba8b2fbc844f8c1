namespace AIMass.Client;

/// <summary>
/// Settings of an <see cref="IAIMassClient"/>. Over HTTP the API key says who the caller is; over grains the
/// caller is declared (the grain transport is for trusted in-cluster services): <see cref="TenantId"/> for
/// a tenant, <see cref="Admin"/> for an administrator.
/// </summary>
public sealed class AIMassClientOptions
{
    /// <summary>The configuration section conventionally bound to these options.</summary>
    public const string Section = "AIMass:Client";

    /// <summary>Which transport to use.</summary>
    public AIMassTransport Transport { get; set; } = AIMassTransport.Http;

    /// <summary>HTTP: the service's base address (for example <c>http://localhost:5000/</c>); <c>/api</c> is appended.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>HTTP: a tenant key (<c>aim.{tenant}.{keyId}.{secret}</c>) or the admin key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Grains: the tenant whose data sets and studies the calls address.</summary>
    public string? TenantId { get; set; }

    /// <summary>Grains: call as an administrator (tenant administration, cluster view, drain).</summary>
    public bool Admin { get; set; }

    /// <summary>How often <see cref="IAIMassClient.WaitForCompletionAsync"/> polls the study.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>HTTP: the time limit of one request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Consecutive transient failures (lost connection, 5xx) that polling tolerates before it gives up.</summary>
    public int MaxTransientFailures { get; set; } = 10;

    /// <summary>Errors naming each invalid setting for the chosen transport (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Transport == AIMassTransport.Http)
        {
            if (BaseAddress is null) errors.Add("BaseAddress is required for the HTTP transport");
            else if (!BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttp && BaseAddress.Scheme != Uri.UriSchemeHttps))
                errors.Add($"BaseAddress '{BaseAddress}' must be an absolute http or https address");
            if (string.IsNullOrWhiteSpace(ApiKey)) errors.Add("ApiKey is required for the HTTP transport");
        }
        else if (string.IsNullOrWhiteSpace(TenantId) && !Admin)
        {
            errors.Add("the grain transport needs TenantId (act as that tenant) or Admin = true");
        }
        if (PollInterval <= TimeSpan.Zero) errors.Add("PollInterval must be positive");
        if (RequestTimeout <= TimeSpan.Zero) errors.Add("RequestTimeout must be positive");
        if (MaxTransientFailures < 0) errors.Add("MaxTransientFailures must not be negative");
        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new ArgumentException("Invalid AIMass client options: " + string.Join("; ", errors), "options");
    }
}
