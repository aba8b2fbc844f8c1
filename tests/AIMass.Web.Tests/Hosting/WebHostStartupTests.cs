using System.Net;
using System.Net.Http.Json;
using AIMass.Grains.Tenants;
using AIMass.Web.Tests.Infrastructure;

namespace AIMass.Web.Tests.Hosting;

[Collection(WebHostCollection.Name)]
public sealed class WebHostStartupTests(WebHostFixture host)
{
    [Fact]
    public async Task Demo_tenant_is_created_and_its_key_kept_in_the_data_folder()
    {
        var path = Path.Combine(host.Factory.DataDirectory, "demo.key");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(path) && DateTime.UtcNow < deadline) await Task.Delay(100);
        var key = (await File.ReadAllTextAsync(path)).Trim();

        using var client = host.As(key);
        var me = await client.GetFromJsonAsync<TenantInfo>("/api/me", WebHostFixture.Json);
        Assert.Equal("demo", me!.TenantId);
    }

    [Fact]
    public async Task Host_uses_the_configured_data_folder_and_admin_key()
    {
        using var admin = host.AsAdmin();
        var response = await admin.GetAsync("/api/admin/cluster");
        await ApiAssert.StatusAsync(response, HttpStatusCode.OK);
        Assert.True(File.Exists(Path.Combine(host.Factory.DataDirectory, "aimass.db")), "the SQLite file is in the test's data folder");
        Assert.False(File.Exists(Path.Combine(host.Factory.DataDirectory, "admin.key")), "a configured admin key is not written to disk");
    }
}
