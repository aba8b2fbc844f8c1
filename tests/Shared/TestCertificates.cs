using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AIMass.Tests.Shared;

/// <summary>
/// A throw-away cluster authority and the member certificates it issues, written as PEM files (what an admin makes
/// with the openssl commands in deploy/README.md, "Cluster certificates"), for tests of the cluster's mutual TLS.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly X509Certificate2 _authority;

    public TestCertificates(string folder, string name = "aimass-test-ca")
    {
        Folder = folder;
        Directory.CreateDirectory(folder);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(60));
        AuthorityPath = Path.Combine(folder, name + ".crt");
        File.WriteAllText(AuthorityPath, _authority.ExportCertificatePem());
    }

    public string Folder { get; }

    /// <summary>The authority's certificate (PEM): what every member trusts.</summary>
    public string AuthorityPath { get; }

    /// <summary>Issues a member certificate; returns the PEM certificate and key paths.</summary>
    public (string CertificatePath, string KeyPath) Issue(string member)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={member}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false)); // server and client authentication
        var serial = RandomNumberGenerator.GetBytes(12);
        using var certificate = request.Create(_authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
        var certificatePath = Path.Combine(Folder, member + ".crt");
        var keyPath = Path.Combine(Folder, member + ".key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    /// <summary>The AIMass:Tls settings of a member, as environment variables.</summary>
    public Dictionary<string, string> Environment(string member)
    {
        var (certificate, key) = Issue(member);
        return new()
        {
            ["AIMass__Tls__CertificatePath"] = certificate,
            ["AIMass__Tls__KeyPath"] = key,
            ["AIMass__Tls__AuthorityPath"] = AuthorityPath,
        };
    }

    public void Dispose() => _authority.Dispose();
}
