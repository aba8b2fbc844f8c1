namespace AIMass.Cli.Connection;

/// <summary>Where a command's client should point: a running service over HTTP, or an embedded one.</summary>
public sealed record ConnectionRequest
{
    /// <summary>The service's base address; null means an embedded service.</summary>
    public Uri? Server { get; init; }

    public string? ApiKey { get; init; }

    /// <summary>Embedded: the data folder; null means a fresh temporary folder (deleted afterwards).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Embedded: the tenant the commands act for.</summary>
    public string Tenant { get; init; } = "demo";

    /// <summary>Embedded: call as an administrator (admin commands).</summary>
    public bool Admin { get; init; }

    /// <summary>Embedded: the devices the in-process silo offers (<c>auto</c>, <c>cpu</c>, ...).</summary>
    public string Devices { get; init; } = "auto";

    /// <summary>Write the embedded service's logs to standard error.</summary>
    public bool Verbose { get; init; }
}
