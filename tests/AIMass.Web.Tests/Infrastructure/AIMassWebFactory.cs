using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace AIMass.Web.Tests.Infrastructure;

/// <summary>
/// The real web host (embedded silo, SQLite in a temporary folder, real training) on Kestrel at a free loopback
/// port, with free silo and gateway ports, so that test hosts never collide with each other or a running service.
/// </summary>
public sealed class AIMassWebFactory : WebApplicationFactory<Program>
{
    public AIMassWebFactory(IReadOnlyDictionary<string, string?>? settings = null)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "aimass-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        Settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["AIMass:DataDirectory"] = DataDirectory,
            ["AIMass:SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AIMass:GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AIMass:AdminKey"] = AdminKey,
            ["AIMass:Silo:Name"] = "web-test-silo",
            ["AIMass:Scheduling:TickInterval"] = "00:00:00.5",
            // Tests send refused keys on purpose from one loopback address; the test of this limit sets its own.
            ["AIMass:Web:RateLimit:FailedAuthenticationBurst"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:AIMass.Web.Hosting.StartupBanner"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) Settings[key] = value;
        UseKestrel(0);
    }

    /// <summary>The admin key this host accepts.</summary>
    public string AdminKey { get; } = "test-admin-" + Guid.NewGuid().ToString("N");

    /// <summary>This host's data folder (deleted on dispose).</summary>
    public string DataDirectory { get; }

    public Dictionary<string, string?> Settings { get; }

    /// <summary>The Kestrel address, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer; the folder is under the temp directory anyway.
        }
    }
}
