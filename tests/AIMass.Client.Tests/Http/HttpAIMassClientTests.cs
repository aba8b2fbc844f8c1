#if AIMASS_WEB
using AIMass.Client.Tenants;
using AIMass.Client.Tests.Infrastructure;
using AIMass.Client.Tests.Transport;
using AIMass.Grains;

namespace AIMass.Client.Tests.Http;

/// <summary>The client contract over HTTP, against the real web host (API key authentication, problem details).</summary>
[Collection(WebServiceCollection.Name)]
public sealed class HttpAIMassClientTests(WebServiceFixture service) : AIMassClientContractTests
{
    protected override IAIMassClient Admin { get; } = service.Client(service.AdminKey);

    protected override IAIMassClient ForTenant(TenantCreated created) => service.Client(created.ApiKey.Secret);

    protected override IGrainFactory Grains => service.Grains;

    [Fact]
    public async Task A_wrong_or_revoked_key_is_unauthenticated()
    {
        var wrong = await Assert.ThrowsAsync<ServiceException>(() => service.Client("aim.nobody.0123abcd.0123456789abcdef0123456789abcdef").GetMeAsync());
        Assert.Equal(ServiceErrorKind.Unauthenticated, wrong.Kind);

        var created = await Admin.CreateTenantAsync(new NewTenant { TenantId = $"keys-{Guid.NewGuid():N}"[..16], DisplayName = "keys" });
        var extra = await Admin.CreateApiKeyAsync(created.Tenant.TenantId, "temporary");
        Assert.Equal(created.Tenant.TenantId, (await service.Client(extra.Secret).GetMeAsync()).TenantId);
        var rotated = await service.Client(extra.Secret).RotateApiKeyAsync(created.Tenant.TenantId, extra.KeyId);
        var old = await Assert.ThrowsAsync<ServiceException>(() => service.Client(extra.Secret).GetMeAsync());
        Assert.Equal(ServiceErrorKind.Unauthenticated, old.Kind);
        Assert.Equal(created.Tenant.TenantId, (await service.Client(rotated.Secret).GetMeAsync()).TenantId);
    }
}
#endif
