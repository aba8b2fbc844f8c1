using AIMass.Client.Grains;
using AIMass.Client.Tenants;
using AIMass.Client.Tests.Infrastructure;
using AIMass.Client.Tests.Transport;

namespace AIMass.Client.Tests.Grains;

/// <summary>The client contract over grains, against an in-process cluster.</summary>
[Collection(GrainServiceCollection.Name)]
public sealed class GrainAIMassClientTests(GrainServiceFixture service) : AIMassClientContractTests
{
    protected override IAIMassClient Admin { get; } = service.Admin();

    protected override IAIMassClient ForTenant(TenantCreated created) => service.Tenant(created.Tenant.TenantId);

    protected override IGrainFactory Grains => service.Client;

    [Fact]
    public void Options_without_a_caller_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new GrainAIMassClient(service.Client, new AIMassClientOptions { Transport = AIMassTransport.Grains }));
        Assert.Contains("TenantId", error.Message);
    }

    [Fact]
    public async Task An_admin_without_a_tenant_is_told_to_name_one_for_tenant_resources()
    {
        var error = await Assert.ThrowsAsync<AIMass.Grains.ServiceException>(() => Admin.ListDatasetsAsync());
        Assert.Contains("TenantId", error.Message);
    }
}
