using System.CommandLine;

namespace AIMass.Cli;

/// <summary>Options every command accepts (recursive on the root command).</summary>
public sealed class GlobalOptions
{
    public Option<string?> Server { get; } = new("--server")
    {
        Description = "Base address of a running AIMass service (default: the AIMASS_SERVER environment variable).",
        Recursive = true,
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "API key for --server: a tenant key, or the admin key for admin commands (default: AIMASS_API_KEY).",
        Recursive = true,
    };

    public Option<string?> DataDirectory { get; } = new("--data-dir")
    {
        Description = "Run an embedded service over this data folder instead of --server (no other service may use it at the same time).",
        Recursive = true,
    };

    public Option<string> Tenant { get; } = new("--tenant")
    {
        Description = "Embedded service: the tenant to act for.",
        DefaultValueFactory = _ => "demo",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write the result as JSON on standard output.",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show the embedded service's logs on standard error.",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Server, ApiKey, DataDirectory, Tenant, Json, Verbose];
}
