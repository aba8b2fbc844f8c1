using AIMass.Silo.Configuration;
using AIMass.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace AIMass.Bench.Suites.Cluster;

/// <summary>A one-silo in-process cluster running the AIMass silo setup, quiet below warnings, for the cluster suites.</summary>
internal static class BenchCluster
{
    public static async Task<InProcessTestCluster> StartAsync(AIMassOptions options, Action<IServiceCollection>? services = null)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddAIMass(options);
            services?.Invoke(silo.Services);
            silo.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        });
        builder.ConfigureClient(client => client.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public static async Task StopAsync(InProcessTestCluster cluster, string dataDirectory)
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
    }
}
