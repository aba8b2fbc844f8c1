using AIMass.Grains.Cluster;
using AIMass.Grains.Tests.Infrastructure;
using AIMass.Tests.Shared;

namespace AIMass.Grains.Tests.Cluster;

/// <summary>Cluster certificates: loaded with their keys, accepted only when issued by the cluster's authority.</summary>
public sealed class ClusterTlsTests
{
    [Fact]
    public void A_member_certificate_of_the_authority_is_accepted_and_another_authoritys_is_not()
    {
        using var folder = TemporaryFolder.Create();
        using var cluster = new TestCertificates(Path.Combine(folder.Path, "cluster"));
        using var stranger = new TestCertificates(Path.Combine(folder.Path, "stranger"), "stranger-ca");
        var (certificate, key) = cluster.Issue("silo-a");
        var (foreignCertificate, foreignKey) = stranger.Issue("intruder");

        var (member, authority) = ClusterTls.Load(new ClusterTlsOptions { CertificatePath = certificate, KeyPath = key, AuthorityPath = cluster.AuthorityPath }, "AIMass:Tls");
        var (foreign, _) = ClusterTls.Load(new ClusterTlsOptions { CertificatePath = foreignCertificate, KeyPath = foreignKey, AuthorityPath = cluster.AuthorityPath }, "AIMass:Tls");

        Assert.True(member.HasPrivateKey);
        Assert.True(ClusterTls.IsIssuedBy(member, authority));
        Assert.False(ClusterTls.IsIssuedBy(foreign, authority));
        Assert.False(ClusterTls.IsIssuedBy(null, authority));
    }

    [Fact]
    public void Missing_settings_and_files_are_named()
    {
        var none = new ClusterTlsOptions().Validate("AIMass:Tls");
        Assert.Contains(none, e => e.Contains("AIMass:Tls:CertificatePath is required", StringComparison.Ordinal));

        var errors = new ClusterTlsOptions { CertificatePath = "/nonexistent/a.crt", KeyPath = "/nonexistent/a.key" }.Validate("AIMass:Tls");
        Assert.Contains(errors, e => e.StartsWith("AIMass:Tls:CertificatePath: no file", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("AIMass:Tls:KeyPath: no file", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("AIMass:Tls:AuthorityPath is required", StringComparison.Ordinal));
    }

    [Fact]
    public void A_certificate_without_its_key_is_refused_naming_the_setting()
    {
        using var folder = TemporaryFolder.Create();
        using var cluster = new TestCertificates(folder.Path);
        var (certificate, _) = cluster.Issue("silo-a");

        var error = Assert.Throws<InvalidOperationException>(() =>
            ClusterTls.Load(new ClusterTlsOptions { CertificatePath = certificate, AuthorityPath = cluster.AuthorityPath }, "AIMass:Tls"));
        Assert.Contains("AIMass:Tls:CertificatePath", error.Message, StringComparison.Ordinal);
    }
}
