namespace AIMass.Client.Hosting;

/// <summary>How an Orleans client finds an AIMass cluster (section <c>AIMass</c>, the same keys the silos use).</summary>
public sealed class ClusterConnectionOptions
{
    /// <summary><c>Sqlite</c>: the embedded setup, reached through the localhost gateway; <c>AzureStorage</c>: Azure table clustering.</summary>
    public string Storage { get; set; } = "Sqlite";

    public string? AzureStorageConnectionString { get; set; }

    public string ClusterId { get; set; } = "aimass";

    public string ServiceId { get; set; } = "aimass";

    /// <summary>Gateway port of the local silo (embedded setup, when it opens one).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The client's certificate for the cluster's mutual TLS (AzureStorage: required unless disabled as on the silos).</summary>
    public AIMass.Grains.Cluster.ClusterTlsOptions Tls { get; set; } = new();
}
