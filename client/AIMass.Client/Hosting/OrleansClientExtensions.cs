using AIMass.Grains.Cluster;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;

namespace AIMass.Client.Hosting;

/// <summary>
/// Connects a host to an AIMass cluster as an Orleans client (for trusted in-cluster services such as the web host):
/// gateways are found in the membership table and reached with the cluster's mutual TLS.
/// </summary>
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
                if (!options.Tls.Disabled)
                {
                    var (certificate, authority) = ClusterTls.Load(options.Tls, "AIMass:Tls");
                    client.UseTls(certificate, tls => ClusterTls.Configure(tls, certificate, authority));
                }
            }
            else
            {
                client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
            }
        });
        return builder;
    }
}
