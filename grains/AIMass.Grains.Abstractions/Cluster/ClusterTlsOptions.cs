namespace AIMass.Grains.Cluster;

/// <summary>
/// Mutual TLS for the cluster's own traffic (silo to silo, client to gateway), section <c>AIMass:Tls</c>. Every
/// member presents a certificate issued by the cluster's authority and accepts only peers whose certificate chains
/// to it; host names are not checked (silo addresses come and go), the issuer is.
/// </summary>
public sealed class ClusterTlsOptions
{
    public const string Section = "Tls";

    /// <summary>This member's certificate: a PEM file (with <see cref="KeyPath"/>) or a PKCS#12 file (.pfx/.p12).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of <see cref="CertificatePath"/> (not needed for PKCS#12).</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of the PKCS#12 file or of an encrypted PEM key. A secret: never logged.</summary>
    public string? Password { get; set; }

    /// <summary>PEM file with the cluster authority's certificate(s): peers must chain to one of them.</summary>
    public string? AuthorityPath { get; set; }

    /// <summary>
    /// Turns TLS off in scaled-out mode. Only where something else authenticates every connection to the silo and
    /// gateway ports (a service mesh with mutual TLS): without it anyone who reaches those ports acts as any tenant.
    /// </summary>
    public bool Disabled { get; set; }

    /// <summary>Whether a certificate is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificatePath);

    /// <summary>Errors naming each missing or unreadable setting (empty when TLS can be used).</summary>
    public IReadOnlyList<string> Validate(string prefix)
    {
        var errors = new List<string>();
        if (!IsConfigured)
        {
            errors.Add($"{prefix}:CertificatePath is required in scaled-out mode (mutual TLS between silos and clients); see deploy/README.md ('Cluster certificates'), or set {prefix}:Disabled=true behind a mesh that authenticates connections");
            return errors;
        }
        if (!File.Exists(CertificatePath)) errors.Add($"{prefix}:CertificatePath: no file at '{CertificatePath}'");
        if (!string.IsNullOrWhiteSpace(KeyPath) && !File.Exists(KeyPath)) errors.Add($"{prefix}:KeyPath: no file at '{KeyPath}'");
        if (string.IsNullOrWhiteSpace(AuthorityPath)) errors.Add($"{prefix}:AuthorityPath is required: the cluster authority's certificate that every peer's certificate must chain to");
        else if (!File.Exists(AuthorityPath)) errors.Add($"{prefix}:AuthorityPath: no file at '{AuthorityPath}'");
        return errors;
    }
}
