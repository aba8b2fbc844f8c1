using System.Text;
using AIMass.Grains.Datasets;
using AIMass.Grains.Tenants;
using AIMass.Grains.Tests.Infrastructure;

namespace AIMass.Grains.Tests.Datasets;

[Collection(ClusterCollection.Name)]
public sealed class DatasetUploadTests(SharedCluster shared)
{
    private ServiceCluster Service => shared.Service;

    [Fact]
    public async Task Valid_upload_stores_a_version_with_its_schema_outside_grain_state()
    {
        await Service.CreateTenantAsync("upload-ok");
        var info = await Service.UploadAsync("upload-ok", "iris", TestSamples.Bytes("iris.csv"), target: "species");

        var version = Assert.Single(info.Versions);
        Assert.Equal(150, version.Rows);
        Assert.Equal(5, version.Columns);
        Assert.Equal("classification", version.Schema.Single(c => c.Name == "species").TaskAsTarget);
        Assert.True(File.Exists(Path.Combine(Service.DataDirectory, "artifacts", version.ArtifactPath)));

        var again = await Service.UploadAsync("upload-ok", "iris", TestSamples.Bytes("iris.csv"));
        Assert.Equal([1, 2], again.Versions.Select(v => v.Version));
        using var _ = ServiceCluster.AsTenant("upload-ok");
        var tenant = await Service.Client.GetGrain<ITenantGrain>("upload-ok").GetAsync();
        Assert.Equal(2 * TestSamples.Bytes("iris.csv").Length, tenant.Usage.StoredBytes);
    }

    public static TheoryData<string, string, string?, string> BadUploads => new()
    {
        { "binary", "\0\u0001\u0002PNG\0\0garbage", null, "" },
        { "ragged", "a,b,c\n1,2,3\n4,5\n6,7,8\n", null, "row 2" },
        { "no-target", "a,b\n1,2\n3,4\n", "label", "'label'" },
        { "text-in-number", "x,y,label\n" + string.Join("", Enumerable.Range(0, 30).Select(i => $"{i},{i * 2},a\n")) + "oops,3,b\n", "label", "'x'" },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task Bad_upload_is_refused_with_its_place_named_and_nothing_stored(string id, string csv, string? target, string mentions)
    {
        var tenant = $"bad-{id}";
        await Service.CreateTenantAsync(tenant);

        var e = await Assert.ThrowsAsync<ServiceException>(() => Service.UploadAsync(tenant, id, Encoding.UTF8.GetBytes(csv), target));

        Assert.Equal(ServiceErrorKind.Invalid, e.Kind);
        Assert.Contains(mentions, e.Message);
        Assert.NotEmpty(e.Errors);
        using var _ = ServiceCluster.AsTenant(tenant);
        Assert.False(await Service.Client.GetGrain<IDatasetGrain>($"{tenant}/{id}").ExistsAsync());
        var info = await Service.Client.GetGrain<ITenantGrain>(tenant).GetAsync();
        Assert.Equal(0, info.Usage.StoredBytes);
        Assert.False(Directory.Exists(Path.Combine(Service.DataDirectory, "artifacts", "tenants", tenant)));
    }

    [Fact]
    public async Task Storage_quota_refuses_an_upload_and_stores_nothing()
    {
        await Service.CreateTenantAsync("tiny", new TenantQuotas { MaxStoredBytes = 1000 });
        var e = await Assert.ThrowsAsync<ServiceException>(() => Service.UploadAsync("tiny", "iris", TestSamples.Bytes("iris.csv")));
        Assert.Equal(ServiceErrorKind.QuotaExceeded, e.Kind);
        using var _ = ServiceCluster.AsTenant("tiny");
        Assert.False(await Service.Client.GetGrain<IDatasetGrain>("tiny/iris").ExistsAsync());
    }

    [Fact]
    public async Task Delete_removes_the_versions_and_frees_the_quota()
    {
        await Service.CreateTenantAsync("deleter");
        await Service.UploadAsync("deleter", "iris", TestSamples.Bytes("iris.csv"));
        using var _ = ServiceCluster.AsTenant("deleter");
        await Service.Client.GetGrain<IDatasetGrain>("deleter/iris").DeleteAsync();

        Assert.False(await Service.Client.GetGrain<IDatasetGrain>("deleter/iris").ExistsAsync());
        Assert.Equal(0, (await Service.Client.GetGrain<ITenantGrain>("deleter").GetAsync()).Usage.StoredBytes);
        Assert.Empty(await Service.Client.GetGrain<ITenantGrain>("deleter").ListDatasetsAsync());
    }
}
