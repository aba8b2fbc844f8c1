using AIMass.Grains.Artifacts;
using AIMass.Grains.Datasets;
using AIMass.Grains.Security;
using AIMass.Grains.Tenants;
using AIMass.Grains.Tests.Infrastructure;
using AIMass.Grains.Tests.Infrastructure.Faults;

namespace AIMass.Grains.Tests.Datasets;

/// <summary>
/// Storage accounting stays exact when an upload fails after its bytes were reserved (the rollback gives back only that
/// upload's bytes and keeps earlier versions indexed) and when a silo died between reserving and storing.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class DatasetRollbackTests(FaultyCluster faulty)
{
    private static readonly byte[] Iris = TestSamples.Bytes("iris.csv");

    private ServiceCluster Service => faulty.Service;

    [Fact]
    public async Task A_failed_upload_of_version_2_keeps_version_1_indexed_and_counted()
    {
        await Service.CreateTenantAsync("rollback-v2");
        await Service.UploadAsync("rollback-v2", "iris", Iris, target: "species");
        faulty.Artifacts.FailNextWrite(ArtifactPaths.DatasetFolder("rollback-v2", "iris"));

        await Assert.ThrowsAnyAsync<Exception>(() => Service.UploadAsync("rollback-v2", "iris", Iris, target: "species"));

        using (ServiceCluster.AsTenant("rollback-v2"))
        {
            var dataset = await Service.Client.GetGrain<IDatasetGrain>(GrainKeys.Scoped("rollback-v2", "iris")).GetAsync();
            Assert.Equal([1], dataset.Versions.Select(v => v.Version));
            var tenant = Service.Client.GetGrain<ITenantGrain>("rollback-v2");
            Assert.Equal(["iris"], (await tenant.ListDatasetsAsync()).Select(d => d.Id));
            Assert.Equal(Iris.Length, (await tenant.GetAsync()).Usage.StoredBytes);
        }
        Assert.False(File.Exists(Path.Combine(Service.DataDirectory, "artifacts", ArtifactPaths.DatasetVersion("rollback-v2", "iris", 2))));

        var again = await Service.UploadAsync("rollback-v2", "iris", Iris, target: "species");
        Assert.Equal([1, 2], again.Versions.Select(v => v.Version));
        using (ServiceCluster.AsTenant("rollback-v2"))
        {
            Assert.Equal(2L * Iris.Length, (await Service.Client.GetGrain<ITenantGrain>("rollback-v2").GetAsync()).Usage.StoredBytes);
        }
    }

    [Fact]
    public async Task A_failed_first_upload_leaves_the_quota_and_index_as_they_were()
    {
        await Service.CreateTenantAsync("rollback-v1");
        await Service.UploadAsync("rollback-v1", "kept", Iris, target: "species");
        faulty.Artifacts.FailNextWrite(ArtifactPaths.DatasetFolder("rollback-v1", "iris"));

        await Assert.ThrowsAnyAsync<Exception>(() => Service.UploadAsync("rollback-v1", "iris", Iris, target: "species"));

        using var _ = ServiceCluster.AsTenant("rollback-v1");
        Assert.False(await Service.Client.GetGrain<IDatasetGrain>(GrainKeys.Scoped("rollback-v1", "iris")).ExistsAsync());
        var tenant = Service.Client.GetGrain<ITenantGrain>("rollback-v1");
        Assert.Equal(["kept"], (await tenant.ListDatasetsAsync()).Select(d => d.Id));
        Assert.Equal(Iris.Length, (await tenant.GetAsync()).Usage.StoredBytes);
    }

    [Fact]
    public async Task Bytes_reserved_by_an_upload_that_died_are_given_back_when_the_data_set_activates()
    {
        await Service.CreateTenantAsync("rollback-killed");
        await Service.UploadAsync("rollback-killed", "iris", Iris, target: "species");
        var tenant = Service.Client.GetGrain<ITenantGrain>("rollback-killed");
        using (ServiceCluster.AsSystem())
        {
            // What a silo killed after reserving (and before storing the version) leaves: bytes counted that nothing holds.
            await tenant.ReserveStorageAsync("ghost", "ghost", 1000);
            Assert.Equal(Iris.Length + 1000, (await tenant.GetAsync()).Usage.StoredBytes);
        }

        using var _ = ServiceCluster.AsTenant("rollback-killed");
        Assert.False(await Service.Client.GetGrain<IDatasetGrain>(GrainKeys.Scoped("rollback-killed", "ghost")).ExistsAsync());
        Assert.Equal(Iris.Length, (await tenant.GetAsync()).Usage.StoredBytes);
        Assert.Equal(["iris"], (await tenant.ListDatasetsAsync()).Select(d => d.Id));
    }
}
