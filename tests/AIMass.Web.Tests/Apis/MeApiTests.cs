using System.Net;
using System.Net.Http.Json;
using AIMass.Grains.Tenants;
using AIMass.Web.Tests.Infrastructure;

namespace AIMass.Web.Tests.Apis;

[Collection(WebHostCollection.Name)]
public sealed class MeApiTests(WebHostFixture host)
{
    [Fact]
    public async Task Me_is_the_tenant_of_the_key_with_keys_listed_without_secrets()
    {
        var key = await host.TenantAsync("me-a");
        using var client = host.As(key);
        var response = await client.GetAsync("/api/me");
        await ApiAssert.StatusAsync(response, HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        var me = System.Text.Json.JsonSerializer.Deserialize<TenantInfo>(text, WebHostFixture.Json)!;
        Assert.Equal("me-a", me.TenantId);
        Assert.Single(me.ApiKeys);
        Assert.DoesNotContain(key.Split('.')[3], text);
    }

    [Fact]
    public async Task Me_without_a_key_is_401()
    {
        using var client = host.Anonymous();
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/me"), HttpStatusCode.Unauthorized);
    }
}
