using System.Net;
using System.Text.Json;
using AIMass.Web.Tests.Infrastructure;

namespace AIMass.Web.Tests.Health;

/// <summary>The embedded web host serves liveness and readiness without a key, naming each readiness check.</summary>
[Collection(WebHostCollection.Name)]
public sealed class HealthEndpointTests(WebHostFixture host)
{
    [Fact]
    public async Task Liveness_answers_without_a_key_and_runs_no_check()
    {
        using var anonymous = host.Factory.CreateClient();
        var response = await anonymous.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Empty(body.RootElement.GetProperty("checks").EnumerateObject());
    }

    [Fact]
    public async Task Readiness_reports_storage_and_cluster()
    {
        using var anonymous = host.Factory.CreateClient();
        var response = await anonymous.GetAsync("/readyz");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var body = JsonDocument.Parse(text);
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("storage").GetProperty("status").GetString());
        Assert.NotEqual("Unhealthy", checks.GetProperty("cluster").GetProperty("status").GetString());
    }
}
