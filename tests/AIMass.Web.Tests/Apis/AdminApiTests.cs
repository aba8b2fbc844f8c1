using System.Net;
using System.Net.Http.Json;
using AIMass.Grains.Cluster;
using AIMass.Web.Tests.Infrastructure;

namespace AIMass.Web.Tests.Apis;

[Collection(WebHostCollection.Name)]
public sealed class AdminApiTests(WebHostFixture host)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = WebHostFixture.Json;

    [Fact]
    public async Task The_cluster_view_shows_the_embedded_silo_its_devices_and_workers()
    {
        using var admin = host.AsAdmin();
        var view = await WaitForWorkersAsync(admin);
        var silo = Assert.Single(view.Silos);
        Assert.Equal("web-test-silo", silo.Name);
        Assert.Equal("cpu", silo.Role);
        Assert.Contains("cpu", silo.Devices);
        Assert.Contains(view.Workers, w => w.WorkerId == "web-test-silo/cpu" && w.Slots >= 1);
    }

    [Fact]
    public async Task A_silo_is_drained_and_undrained_and_an_unknown_one_is_404()
    {
        using var admin = host.AsAdmin();
        await WaitForWorkersAsync(admin);
        var drained = await admin.PostAsync("/api/admin/silos/web-test-silo/drain?handBack=false", null);
        await ApiAssert.StatusAsync(drained, HttpStatusCode.OK);
        Assert.True((await drained.Content.ReadFromJsonAsync<SiloInfo>(Json))!.Draining);

        var undrained = await admin.PostAsync("/api/admin/silos/web-test-silo/undrain", null);
        Assert.False((await undrained.Content.ReadFromJsonAsync<SiloInfo>(Json))!.Draining);

        await ApiAssert.ProblemAsync(await admin.PostAsync("/api/admin/silos/elsewhere/drain", null), HttpStatusCode.NotFound);
    }

    private static async Task<ClusterView> WaitForWorkersAsync(HttpClient admin)
    {
        for (var attempt = 0; ; attempt++)
        {
            var view = (await admin.GetFromJsonAsync<ClusterView>("/api/admin/cluster", Json))!;
            if (view.Workers.Length > 0 || attempt > 100) return view;
            await Task.Delay(200);
        }
    }
}
