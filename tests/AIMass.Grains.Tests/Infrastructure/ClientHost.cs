using AIMass.Client.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AIMass.Grains.Tests.Infrastructure;

/// <summary>An Orleans client in the test process connected to silo processes.</summary>
public sealed class ClientHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ClientHost(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClientHost> ConnectAsync(ClusterConnectionOptions options)
    {
        for (var attempt = 1; ; attempt++)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.AddAIMassOrleansClient(options);
            var host = builder.Build();
            try
            {
                await host.StartAsync();
                return new ClientHost(host);
            }
            catch (Exception) when (attempt < 10)
            {
                host.Dispose();
                await Task.Delay(1000);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // the cluster may already be gone
        }
        _host.Dispose();
    }
}
