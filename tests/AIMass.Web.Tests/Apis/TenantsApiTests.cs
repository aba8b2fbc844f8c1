using System.Net;
using System.Net.Http.Json;
using AIMass.Grains.Tenants;
using AIMass.Web.Apis.Requests;
using AIMass.Web.Tests.Infrastructure;

namespace AIMass.Web.Tests.Apis;

[Collection(WebHostCollection.Name)]
public sealed class TenantsApiTests(WebHostFixture host)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = WebHostFixture.Json;

    [Fact]
    public async Task Admin_creates_a_tenant_whose_key_works_once_shown()
    {
        using var admin = host.AsAdmin();
        var response = await admin.PostAsJsonAsync("/api/tenants",
            new CreateTenantRequest("acme", "Acme Corp", Weight: 2, Quotas: new TenantQuotas { MaxConcurrentTrials = 3 }), Json);
        await ApiAssert.StatusAsync(response, HttpStatusCode.Created);
        Assert.Equal("/api/tenants/acme", response.Headers.Location?.OriginalString);
        var created = (await response.Content.ReadFromJsonAsync<CreateTenantResponse>(Json))!;
        Assert.Equal("acme", created.Tenant.TenantId);
        Assert.Equal(2, created.Tenant.Weight);
        Assert.Equal(3, created.Tenant.Quotas.MaxConcurrentTrials);
        Assert.StartsWith("aim.acme.", created.ApiKey.Secret);

        using var tenant = host.As(created.ApiKey.Secret);
        Assert.Equal("Acme Corp", (await tenant.GetFromJsonAsync<TenantInfo>("/api/tenants/acme", Json))!.DisplayName);

        var list = (await admin.GetFromJsonAsync<TenantInfo[]>("/api/tenants", Json))!;
        Assert.Contains(list, t => t.TenantId == "acme");
        Assert.Equal(list.Select(t => t.TenantId).Order(StringComparer.Ordinal), list.Select(t => t.TenantId));
    }

    [Fact]
    public async Task Creating_a_tenant_twice_is_a_conflict()
    {
        await host.TenantAsync("twice");
        using var admin = host.AsAdmin();
        var again = await admin.PostAsJsonAsync("/api/tenants", new CreateTenantRequest("twice", "Again"), Json);
        await ApiAssert.ProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Invalid_tenant_requests_name_the_field()
    {
        using var admin = host.AsAdmin();
        var badId = await ApiAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/tenants", new CreateTenantRequest("Bad_Id!", "x"), Json), HttpStatusCode.BadRequest);
        Assert.Contains(badId.Errors, e => e.Column == "tenantId");

        var noName = await ApiAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/tenants", new { tenantId = "no-name" }, Json), HttpStatusCode.BadRequest);
        Assert.Contains(noName.Errors, e => e.Column == "displayName");

        var notJson = await ApiAssert.ProblemAsync(await admin.PostAsync("/api/tenants",
            new StringContent("{\"tenantId\": 5,", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.Contains("JSON", notJson.Detail);
    }

    [Fact]
    public async Task Admin_sets_quotas_and_weight_and_invalid_values_are_refused_by_field()
    {
        await host.TenantAsync("quota-set");
        using var admin = host.AsAdmin();
        var quotas = await admin.PutAsJsonAsync("/api/tenants/quota-set/quotas", new TenantQuotas { MaxConcurrentTrials = 7, MaxActiveStudies = 2 }, Json);
        await ApiAssert.StatusAsync(quotas, HttpStatusCode.OK);
        Assert.Equal(7, (await quotas.Content.ReadFromJsonAsync<TenantInfo>(Json))!.Quotas.MaxConcurrentTrials);

        var bad = await ApiAssert.ProblemAsync(await admin.PutAsJsonAsync("/api/tenants/quota-set/quotas", new TenantQuotas { MaxConcurrentTrials = 0 }, Json), HttpStatusCode.BadRequest);
        Assert.Contains(bad.Errors, e => e.Column == nameof(TenantQuotas.MaxConcurrentTrials));

        var weight = await admin.PutAsJsonAsync("/api/tenants/quota-set/weight", new WeightRequest(3.5), Json);
        Assert.Equal(3.5, (await weight.Content.ReadFromJsonAsync<TenantInfo>(Json))!.Weight);
        var badWeight = await ApiAssert.ProblemAsync(await admin.PutAsJsonAsync("/api/tenants/quota-set/weight", new WeightRequest(-1), Json), HttpStatusCode.BadRequest);
        Assert.Contains(badWeight.Errors, e => e.Column == "weight");

        await ApiAssert.ProblemAsync(await admin.PutAsJsonAsync("/api/tenants/nobody-here/weight", new WeightRequest(1), Json), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_tenant_may_not_change_its_own_quotas()
    {
        var key = await host.TenantAsync("self-quota");
        using var tenant = host.As(key);
        await ApiAssert.ProblemAsync(await tenant.PutAsJsonAsync("/api/tenants/self-quota/quotas", new TenantQuotas { MaxConcurrentTrials = 64 }, Json), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Keys_are_created_rotated_and_revoked_and_old_ones_stop_working()
    {
        var first = await host.CreateTenantAsync("key-owner");
        using var owner = host.As(first);

        var created = await owner.PostAsJsonAsync("/api/tenants/key-owner/keys", new CreateKeyRequest("ci"), Json);
        await ApiAssert.StatusAsync(created, HttpStatusCode.Created);
        var second = (await created.Content.ReadFromJsonAsync<CreatedApiKey>(Json))!;
        using (var viaSecond = host.As(second.Secret))
        {
            await ApiAssert.StatusAsync(await viaSecond.GetAsync("/api/me"), HttpStatusCode.OK);
        }

        var rotated = await owner.PostAsync($"/api/tenants/key-owner/keys/{second.KeyId}/rotate", null);
        await ApiAssert.StatusAsync(rotated, HttpStatusCode.OK);
        var third = (await rotated.Content.ReadFromJsonAsync<CreatedApiKey>(Json))!;
        Assert.NotEqual(second.Secret, third.Secret);
        using (var viaOld = host.As(second.Secret))
        {
            await ApiAssert.ProblemAsync(await viaOld.GetAsync("/api/me"), HttpStatusCode.Unauthorized);
        }

        await ApiAssert.StatusAsync(await owner.DeleteAsync($"/api/tenants/key-owner/keys/{third.KeyId}"), HttpStatusCode.NoContent);
        using (var viaRevoked = host.As(third.Secret))
        {
            await ApiAssert.ProblemAsync(await viaRevoked.GetAsync("/api/me"), HttpStatusCode.Unauthorized);
        }
        await ApiAssert.ProblemAsync(await owner.DeleteAsync($"/api/tenants/key-owner/keys/{third.KeyId}"), HttpStatusCode.NotFound);

        var me = (await owner.GetFromJsonAsync<TenantInfo>("/api/me", Json))!;
        Assert.Equal(3, me.ApiKeys.Length);
        Assert.Single(me.ApiKeys, k => k.Active);
    }
}
