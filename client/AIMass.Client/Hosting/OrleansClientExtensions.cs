using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;

namespace AIMass.Client.Hosting;

/// <summary>Connects a host to an AIMass cluster as an Orleans client (for trusted in-cluster services such as the web host).</summary>
public static class OrleansClientExtensions
{
    public static IHostApplicationBuilder AddAIMassOrleansClient(this IHostApplicationBuilder builder, ClusterConnectionOptions? options = null)
    {
        options ??= builder.Configuration.GetSection("AIMass").Get<ClusterConnectionOptions>() ?? new ClusterConnectionOptions();
        builder.UseOrleansClient(client =>
        {
            if (string.Equals(options.Storage, "AzureStorage", StringComparison.OrdinalIgnoreCase))
            {
                if (string.IsNullOrWhiteSpace(options.AzureStorageConnectionString))
                {
                    throw new InvalidOperationException("AIMass:AzureStorageConnectionString is required when AIMass:Storage is AzureStorage.");
                }
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = options.ClusterId;
                    o.ServiceId = options.ServiceId;
                });
                client.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(options.AzureStorageConnectionString));
            }
            else
            {
                client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
            }
        });
        return builder;
    }
}
