using System.Net;
using System.Text.Json;
using AIMass.Web.Tests.Infrastructure;

namespace AIMass.Web.Tests.Apis;

[Collection(WebHostCollection.Name)]
public sealed class OpenApiDocumentTests(WebHostFixture host)
{
    [Fact]
    public async Task The_document_describes_every_route_and_both_ways_to_send_a_key()
    {
        using var client = host.Anonymous();
        var response = await client.GetAsync("/openapi/v1.json");
        await ApiAssert.StatusAsync(response, HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var route in ApiRoutes.All.Select(r => r.Template).Distinct())
        {
            Assert.Contains(route, paths);
        }
        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("apiKey").GetProperty("name").GetString());
        Assert.True(document.RootElement.GetProperty("components").GetProperty("schemas").TryGetProperty("StudyInfo", out _));
    }
}
