using AIMass.Silo.Configuration;
using AIMass.Silo.Devices;
using AIMass.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AIMass.Cli.Embedded;

/// <summary>
/// The service inside the CLI's own process: one silo with SQLite state and local artifacts in a data folder,
/// on free loopback ports (so it never collides with a service already running), and a tenant with its key.
/// A temporary data folder is deleted when the service stops.
/// </summary>
public sealed class EmbeddedService : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly bool _temporary;

    private EmbeddedService(IHost host, string dataDirectory, bool temporary, SiloIdentity identity)
    {
        _host = host;
        DataDirectory = dataDirectory;
        _temporary = temporary;
        Identity = identity;
    }

    public string DataDirectory { get; }

    /// <summary>The silo's name, role, devices and slots.</summary>
    public SiloIdentity Identity { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Where uploads stream before a data set grain takes them.</summary>
    public AIMass.Grains.Datasets.IDatasetStaging Staging => _host.Services.GetRequiredService<AIMass.Grains.Datasets.IDatasetStaging>();

    /// <summary>Training jobs the silo runs at once, over all its devices.</summary>
    public int WorkerSlots => Identity.Devices.Sum(Identity.SlotsFor);

    /// <summary>Starts the silo; <paramref name="dataDirectory"/> null means a fresh temporary folder.</summary>
    public static async Task<EmbeddedService> StartAsync(string? dataDirectory, string devices, bool verbose, CancellationToken ct)
    {
        var temporary = dataDirectory is null;
        var folder = Path.GetFullPath(dataDirectory ?? Path.Combine(Path.GetTempPath(), "aimass-cli", Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(folder);
        var ports = FreePorts.Take(1);
        var options = new AIMassOptions
        {
            DataDirectory = folder,
            SiloPort = ports[0],
            Silo = new SiloWorkerOptions { Name = "cli", Devices = devices },
        };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        if (verbose)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Information);
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
        builder.UseOrleans(silo => silo.UseAIMassClustering(options).AddAIMass(options));
        var host = builder.Build();
        try
        {
            await host.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            if (temporary) TryDelete(folder);
            throw;
        }
        return new EmbeddedService(host, folder, temporary, host.Services.GetRequiredService<SiloIdentity>());
    }

    /// <summary>Creates the tenant if needed (as the local administrator) and returns its API key.</summary>
    public Task<string> EnsureTenantAsync(string tenantId) =>
        EmbeddedKeys.EnsureTenantAsync(Grains, DataDirectory, tenantId, tenantId);

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _host.StopAsync(stop.Token).ConfigureAwait(false);
        }
        finally
        {
            _host.Dispose();
            if (_temporary) TryDelete(DataDirectory);
        }
    }

    /// <summary>
    /// Deletes the temporary data folder. The host's disposal has closed the grain storage's SQLite connection;
    /// pooled connections of other components are released first. A folder that still cannot be deleted is left
    /// in the temporary directory, where the system cleans it.
    /// </summary>
    private static void TryDelete(string folder)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the system's temporary-file cleaning; the run itself succeeded.
        }
    }
}
