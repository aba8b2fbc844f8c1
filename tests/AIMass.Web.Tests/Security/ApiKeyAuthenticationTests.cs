using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AIMass.Grains.Tenants;
using AIMass.Web.Tests.Infrastructure;

namespace AIMass.Web.Tests.Security;

[Collection(WebHostCollection.Name)]
public sealed class ApiKeyAuthenticationTests(WebHostFixture host)
{
    [Fact]
    public async Task A_request_without_a_key_is_answered_401_with_a_problem_and_a_challenge()
    {
        using var client = host.Anonymous();
        var response = await client.GetAsync("/api/studies");
        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("X-Api-Key", problem.Detail);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("aim.auth-a.00000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_wrong_key_is_answered_401_saying_it_is_not_valid(string key)
    {
        await host.TenantAsync("auth-a");
        using var client = host.As(key);
        var problem = await ApiAssert.ProblemAsync(await client.GetAsync("/api/me"), HttpStatusCode.Unauthorized);
        Assert.Contains("not valid", problem.Detail);
    }

    [Fact]
    public async Task The_key_works_as_bearer_token_and_as_X_Api_Key_header()
    {
        var key = await host.TenantAsync("auth-b");
        using var bearer = host.As(key);
        Assert.Equal("auth-b", (await bearer.GetFromJsonAsync<TenantInfo>("/api/me", WebHostFixture.Json))!.TenantId);

        using var header = host.Anonymous();
        header.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal("auth-b", (await header.GetFromJsonAsync<TenantInfo>("/api/me", WebHostFixture.Json))!.TenantId);
    }

    [Fact]
    public async Task A_tenant_key_is_refused_on_admin_endpoints_and_the_admin_key_on_tenant_endpoints()
    {
        var key = await host.TenantAsync("auth-c");
        using var tenant = host.As(key);
        var refused = await ApiAssert.ProblemAsync(await tenant.GetAsync("/api/admin/cluster"), HttpStatusCode.Forbidden);
        Assert.Contains("admin key", refused.Detail);
        await ApiAssert.ProblemAsync(await tenant.GetAsync("/api/tenants"), HttpStatusCode.Forbidden);

        using var admin = host.AsAdmin();
        var wrongRole = await ApiAssert.ProblemAsync(await admin.GetAsync("/api/studies"), HttpStatusCode.Forbidden);
        Assert.Contains("tenant's API key", wrongRole.Detail);
    }

    [Fact]
    public async Task Basic_authentication_is_not_taken_for_a_key()
    {
        var key = await host.TenantAsync("auth-d");
        using var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", key);
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/me"), HttpStatusCode.Unauthorized);
    }
}
