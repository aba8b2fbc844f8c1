using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace AIMass.Grains.Cluster;

/// <summary>How silos and clients apply <see cref="ClusterTlsOptions"/>: both sides present a certificate, both require one.</summary>
public static class ClusterTls
{
    /// <summary>Reads the member's certificate (with its private key) and the authority, or fails naming the setting.</summary>
    public static (X509Certificate2 Certificate, X509Certificate2Collection Authority) Load(ClusterTlsOptions options, string prefix)
    {
        var errors = options.Validate(prefix);
        if (errors.Count > 0) throw new InvalidOperationException("Invalid cluster TLS configuration: " + string.Join("; ", errors));
        X509Certificate2 certificate;
        try
        {
            certificate = IsPkcs12(options.CertificatePath!)
                ? X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.Password)
                : LoadPem(options);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"{prefix}:CertificatePath: the certificate or its key cannot be read ({e.Message})", e);
        }
        if (!certificate.HasPrivateKey) throw new InvalidOperationException($"{prefix}:CertificatePath: the certificate has no private key (set {prefix}:KeyPath)");
        var authority = new X509Certificate2Collection();
        authority.ImportFromPemFile(options.AuthorityPath!);
        if (authority.Count == 0) throw new InvalidOperationException($"{prefix}:AuthorityPath: no certificate in '{options.AuthorityPath}'");
        return (certificate, authority);
    }

    /// <summary>Requires a certificate from every peer and accepts it only when it chains to the authority.</summary>
    public static void Configure(TlsOptions tls, X509Certificate2 certificate, X509Certificate2Collection authority)
    {
        tls.LocalCertificate = certificate;
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.CheckCertificateRevocation = false;
        tls.RemoteCertificateValidation = (remote, _, _) => IsIssuedBy(remote, authority);
        tls.OnAuthenticateAsClient = (_, client) => client.TargetHost = "aimass-cluster";
    }

    /// <summary>Whether <paramref name="remote"/> chains to one of the authority's certificates (names are not checked).</summary>
    public static bool IsIssuedBy(X509Certificate2? remote, X509Certificate2Collection authority)
    {
        if (remote is null) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(remote);
    }

    private static bool IsPkcs12(string path) =>
        path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);

    private static X509Certificate2 LoadPem(ClusterTlsOptions options)
    {
        using var pem = string.IsNullOrEmpty(options.Password)
            ? X509Certificate2.CreateFromPemFile(options.CertificatePath!, options.KeyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(options.CertificatePath!, options.Password, options.KeyPath);
        // Re-imported so the key is usable by SslStream on every platform (ephemeral PEM keys are not, on some).
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
