namespace AIMass.Web.Configuration;

/// <summary>The web host's settings (section <c>AIMass:Web</c>; environment <c>AIMass__Web__Key</c>).</summary>
public sealed class WebOptions
{
    public const string Section = "AIMass:Web";

    /// <summary>The URL the host listens on when none is configured (<c>urls</c>, <c>ASPNETCORE_URLS</c>, <c>Kestrel:Endpoints</c>).</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary><c>Embedded</c> (default: a silo in this process) or <c>Client</c> (connect to a separate cluster).</summary>
    public WebMode Mode { get; set; } = WebMode.Embedded;

    /// <summary>The largest data set upload accepted, in bytes (the request is cut off as soon as it is passed).</summary>
    public long MaxUploadBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The most data rows a data set upload may have (the request is cut off as soon as it is passed).</summary>
    public int MaxUploadRows { get; set; } = Grains.Datasets.UploadLimits.MaxDataRows;

    /// <summary>The caps an upload streams under (the byte cap named by its setting).</summary>
    public Grains.Datasets.UploadLimits UploadCaps() => new(MaxUploadBytes, $"{Section}:MaxUploadBytes", MaxUploadRows);

    /// <summary>A tenant created at start-up whose API key is printed (empty: none).</summary>
    public string? DemoTenant { get; set; } = "demo";

    /// <summary>Mount the Orleans Dashboard at <c>/dashboard</c> for the admin (embedded mode only).</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>How often the portal refreshes a running study, in milliseconds.</summary>
    public int RefreshMilliseconds { get; set; } = 1000;

    /// <summary>Per-tenant request rate limits of the HTTP API.</summary>
    public TenantRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Errors naming each invalid setting (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxUploadBytes < 1) errors.Add($"{Section}:MaxUploadBytes must be positive");
        if (MaxUploadRows < 1 || MaxUploadRows > Grains.Datasets.UploadLimits.MaxDataRows)
        {
            errors.Add($"{Section}:MaxUploadRows must be between 1 and {Grains.Datasets.UploadLimits.MaxDataRows}");
        }
        if (RefreshMilliseconds < 100) errors.Add($"{Section}:RefreshMilliseconds must be at least 100");
        errors.AddRange(RateLimit.Validate($"{Section}:RateLimit"));
        return errors;
    }
}
