using System.Net;
using System.Net.Http.Json;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;
using AIMass.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AIMass.Web.Tests.Apis;

/// <summary>Walks every API endpoint with another tenant's key against the victim's resources.</summary>
[Collection(WebHostCollection.Name)]
public sealed class TenantIsolationApiTests(WebHostFixture host)
{
    /// <summary>Text that only the victim's data contains (its classes, columns, display name, key prefix).</summary>
    private static readonly string[] VictimMarkers = ["setosa", "sepal", "Tenant lab", "aim.lab."];

    [Fact]
    public void The_walk_covers_every_api_endpoint_of_the_host()
    {
        var mapped = host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var walked = ApiRoutes.All.Select(r => r.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(walked, mapped);
    }

    [Fact]
    public async Task Every_endpoint_refuses_another_tenants_resources_and_never_returns_their_data()
    {
        var study = await host.CompletedStudyAsync();
        using var victimClient = host.As(study.Key);
        var victimInfo = (await victimClient.GetFromJsonAsync<TenantInfo>("/api/me", WebHostFixture.Json))!;
        var victim = new ApiRoutes.Victim("lab", victimInfo.ApiKeys[0].KeyId, "iris", study.StudyId, study.Info.BestTrial!.Value, "accurate", "web-test-silo");
        using var intruder = host.As(await host.TenantAsync("intruder"));

        var failures = new List<string>();
        foreach (var route in ApiRoutes.All)
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path(victim)) { Content = route.Body() };
            var response = await intruder.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (route.Expect == ApiRoutes.Expect.Refused && status is not (403 or 404))
            {
                failures.Add($"{route}: {status} (expected 403 or 404) {body}");
            }
            if (route.Expect == ApiRoutes.Expect.OwnDataOnly && status >= 300)
            {
                failures.Add($"{route}: {status} on the intruder's own data {body}");
            }
            foreach (var marker in VictimMarkers.Where(m => body.Contains(m, StringComparison.Ordinal)))
            {
                failures.Add($"{route}: the answer contains the victim's '{marker}': {body}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // Nothing the intruder tried changed the victim's state.
        var after = (await victimClient.GetFromJsonAsync<StudyInfo>($"/api/studies/{study.StudyId}", WebHostFixture.Json))!;
        Assert.Equal(StudyStatus.Completed, after.Status);
        await ApiAssert.StatusAsync(await victimClient.GetAsync("/api/datasets/iris"), HttpStatusCode.OK);
        await ApiAssert.StatusAsync(await victimClient.GetAsync("/api/me"), HttpStatusCode.OK);
        var keys = (await victimClient.GetFromJsonAsync<TenantInfo>("/api/me", WebHostFixture.Json))!.ApiKeys;
        Assert.DoesNotContain(keys, k => k.Label == "stolen");
    }
}
