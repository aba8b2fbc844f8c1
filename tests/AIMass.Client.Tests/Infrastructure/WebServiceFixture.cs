#if AIMASS_WEB
using AIMass.Cli.Embedded;
using AIMass.Client.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AIMass.Client.Tests.Infrastructure;

/// <summary>
/// The real web host (HTTP API + embedded silo named <c>silo0</c>, SQLite in a temporary folder, real training)
/// on Kestrel at a free loopback port, shared by the tests of a collection; the HTTP client talks to it over TCP.
/// </summary>
public sealed class WebServiceFixture : IAsyncLifetime
{
    private WebHost? _host;
    private readonly List<HttpClient> _clients = [];

    public string AdminKey { get; } = "test-admin-" + Guid.NewGuid().ToString("N");

    public string DataDirectory { get; } = TestPaths.NewTemporaryFolder();

    public Uri BaseAddress => _host?.BaseAddress ?? throw new InvalidOperationException("The web host is not started.");

    public Task InitializeAsync()
    {
        var ports = FreePorts.Take(2);
        _host = new WebHost(new Dictionary<string, string?>
        {
            ["AIMass:DataDirectory"] = DataDirectory,
            ["AIMass:SiloPort"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AIMass:GatewayPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AIMass:AdminKey"] = AdminKey,
            ["AIMass:Silo:Name"] = "silo0",
            ["AIMass:Silo:Devices"] = "cpu",
            ["AIMass:Silo:CpuSlots"] = "2",
            ["AIMass:Scheduling:TickInterval"] = "00:00:00.5",
            ["AIMass:Web:DemoTenant"] = "",
            ["AIMass:Web:Dashboard"] = "false",
            ["AIMass:Web:RateLimit:PermitsPerSecond"] = "1000",
        });
        _host.StartServer();
        return Task.CompletedTask;
    }

    /// <summary>The embedded silo's grains, for tests that prepare state the API cannot (system-only calls).</summary>
    public IGrainFactory Grains => (_host ?? throw new InvalidOperationException("The web host is not started.")).Services.GetRequiredService<IGrainFactory>();

    /// <summary>An HTTP client of the service with <paramref name="apiKey"/>.</summary>
    public HttpAIMassClient Client(string apiKey)
    {
        var http = new HttpClient();
        lock (_clients) _clients.Add(http);
        return new HttpAIMassClient(http, new AIMassClientOptions { BaseAddress = BaseAddress, ApiKey = apiKey, PollInterval = TimeSpan.FromMilliseconds(200) });
    }

    public async Task DisposeAsync()
    {
        foreach (var http in _clients) http.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold its file a moment longer; the folder is under the temporary directory.
        }
    }

    private sealed class WebHost : WebApplicationFactory<Program>
    {
        private readonly IReadOnlyDictionary<string, string?> _settings;

        public WebHost(IReadOnlyDictionary<string, string?> settings)
        {
            _settings = settings;
            UseKestrel(0);
        }

        public Uri BaseAddress => ClientOptions.BaseAddress;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in _settings) builder.UseSetting(key, value);
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        }
    }
}
#endif
