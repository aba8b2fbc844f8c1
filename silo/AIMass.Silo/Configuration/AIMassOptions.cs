namespace AIMass.Silo.Configuration;

/// <summary>
/// The service's configuration (section <c>AIMass</c>; environment <c>AIMass__Key</c>). The embedded
/// default needs none of it: SQLite and a local artifact folder under <see cref="DataDirectory"/>,
/// localhost clustering.
/// </summary>
public sealed class AIMassOptions
{
    public const string Section = "AIMass";

    /// <summary>Where the embedded setup keeps its SQLite file, artifacts and generated keys.</summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary><c>Sqlite</c> (embedded default) or <c>AzureStorage</c> (tables for state, clustering and reminders; blobs for artifacts).</summary>
    public StorageKind Storage { get; set; } = StorageKind.Sqlite;

    /// <summary>Azure Storage connection string (when <see cref="Storage"/> is AzureStorage).</summary>
    public string? AzureStorageConnectionString { get; set; }

    /// <summary>Blob container for artifacts in the Azure setup.</summary>
    public string ArtifactContainer { get; set; } = "aimass-artifacts";

    /// <summary>Orleans cluster id (silos with the same id form one cluster).</summary>
    public string ClusterId { get; set; } = "aimass";

    /// <summary>Orleans service id (part of every stored state key: keep it stable).</summary>
    public string ServiceId { get; set; } = "aimass";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>
    /// Client gateway port. Scaled out: 30000 unless set. Embedded: no gateway unless set (the web host and the CLI
    /// hold the silo in their own process and need none).
    /// </summary>
    public int? GatewayPort { get; set; }

    /// <summary>The gateway port this silo opens (0: none).</summary>
    public int EffectiveGatewayPort => GatewayPort ?? (Storage == StorageKind.AzureStorage ? 30000 : 0);

    /// <summary>
    /// Scaled out: the address other silos and clients reach this silo at. Unset: the pod's IP (<c>POD_IP</c>), else
    /// the first non-loopback IPv4 address of an interface that is up. Embedded mode stays on loopback.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Mutual TLS for cluster traffic (required in scaled-out mode).</summary>
    public Grains.Cluster.ClusterTlsOptions Tls { get; set; } = new();

    /// <summary>
    /// Where the standalone silo serves <c>/healthz</c> and <c>/readyz</c>. The default, a free loopback port, keeps
    /// silos on one machine apart; the Kubernetes manifests set <c>http://0.0.0.0:8080</c>.
    /// </summary>
    public string HealthUrl { get; set; } = "http://127.0.0.1:0";

    /// <summary>The admin API key; when empty, one is generated once into <c>{DataDirectory}/admin.key</c>.</summary>
    public string? AdminKey { get; set; }

    /// <summary>This silo's workers.</summary>
    public SiloWorkerOptions Silo { get; set; } = new();

    /// <summary>How this silo runs training jobs (trainer processes and their limits).</summary>
    public TrainerOptions Trainer { get; set; } = new();

    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aimass");

    /// <summary>Errors naming each invalid setting (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(DataDirectory)) errors.Add("AIMass:DataDirectory is empty");
        if (Storage == StorageKind.AzureStorage && string.IsNullOrWhiteSpace(AzureStorageConnectionString))
            errors.Add("AIMass:AzureStorageConnectionString is required when AIMass:Storage is AzureStorage");
        if (SiloPort is < 0 or > 65535) errors.Add("AIMass:SiloPort must be a port number");
        if (GatewayPort is < 0 or > 65535) errors.Add("AIMass:GatewayPort must be a port number");
        if (!string.IsNullOrWhiteSpace(AdvertisedAddress) && !System.Net.IPAddress.TryParse(AdvertisedAddress, out _))
            errors.Add($"AIMass:AdvertisedAddress '{AdvertisedAddress}' is not an IP address");
        if (!Uri.TryCreate(HealthUrl, UriKind.Absolute, out var health) || health.Scheme != Uri.UriSchemeHttp)
            errors.Add($"AIMass:HealthUrl '{HealthUrl}' is not an http:// URL");
        if (Silo.ThreadsPerJob < 1) errors.Add("AIMass:Silo:ThreadsPerJob must be at least 1");
        errors.AddRange(Trainer.Validate());
        return errors;
    }
}
