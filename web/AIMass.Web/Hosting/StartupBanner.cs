using AIMass.Silo.Hosting;
using AIMass.Web.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AIMass.Web.Hosting;

/// <summary>
/// Once the host has started: makes sure the demo tenant exists and prints, as a structured log line and as a
/// plain console block, the portal URL, the demo tenant's API key and where the admin key is.
/// </summary>
public sealed partial class StartupBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    IGrainFactory grains,
    WebHostSettings settings,
    AdminCredentials admin,
    ILogger<StartupBanner> logger) : BackgroundService
{
    /// <summary>The demo tenant's key once known (tests read it).</summary>
    public string? DemoKey { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await WaitForStartAsync(stoppingToken)) return;
        var url = PortalUrl();
        var tenant = settings.Web.DemoTenant;
        if (!string.IsNullOrWhiteSpace(tenant))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    DemoKey = await EmbeddedKeys.EnsureTenantAsync(grains, settings.DataDirectory, tenant, "Demo tenant");
                    break;
                }
                catch (Exception e) when (attempt < 10 && !stoppingToken.IsCancellationRequested)
                {
                    LogDemoRetry(e, attempt);
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                }
            }
        }
        LogReady(url, tenant ?? "", admin.Source, settings.DataDirectory);
        Console.WriteLine();
        Console.WriteLine("  AIMass is running.");
        Console.WriteLine($"    Portal:        {url}");
        Console.WriteLine($"    API:           {url}/api   (OpenAPI: {url}/openapi/v1.json)");
        if (DemoKey is not null) Console.WriteLine($"    Demo tenant:   '{tenant}', API key: {DemoKey}");
        Console.WriteLine($"    Admin key:     {admin.Source}");
        Console.WriteLine($"    Data folder:   {settings.DataDirectory}");
        Console.WriteLine();
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private string PortalUrl()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var url = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault() ?? "(in-memory test server)";
        return url.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "AIMass portal ready at {PortalUrl}; demo tenant {DemoTenant} (its API key is on the console, never in the log); admin key in {AdminKeyLocation}; data in {DataDirectory}")]
    private partial void LogReady(string portalUrl, string demoTenant, string adminKeyLocation, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating the demo tenant failed (attempt {Attempt}); retrying")]
    private partial void LogDemoRetry(Exception e, int attempt);
}
