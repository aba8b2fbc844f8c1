using System.Text;
using AIMass.Grains.Artifacts;
using AIMass.Grains.Datasets;
using AIMass.Grains.Tenants;
using AIMass.Grains.Tests.Infrastructure;

namespace AIMass.Grains.Tests.Datasets;

/// <summary>The data set grain takes uploads by reference: only its own tenant's staged files, and it leaves none behind.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DatasetStagedUploadTests(SharedCluster shared)
{
    private ServiceCluster Service => shared.Service;

    private string StagingFolder(string tenant) => Path.Combine(Service.DataDirectory, "artifacts", "staging", tenant);

    private bool Staged(string tenant) => Directory.Exists(StagingFolder(tenant)) && Directory.EnumerateFiles(StagingFolder(tenant), "*", SearchOption.AllDirectories).Any();

    [Fact]
    public async Task A_stored_upload_and_a_refused_one_leave_no_staged_file()
    {
        await Service.CreateTenantAsync("stage-clean");
        await Service.UploadAsync("stage-clean", "iris", TestSamples.Bytes("iris.csv"), target: "species");
        Assert.False(Staged("stage-clean"));

        await Assert.ThrowsAsync<ServiceException>(() => Service.UploadAsync("stage-clean", "ragged", Encoding.UTF8.GetBytes("a,b\n1,2\n3\n")));
        Assert.False(Staged("stage-clean"));
    }

    [Fact]
    public async Task A_reference_into_another_tenants_staging_area_is_refused_and_that_file_kept()
    {
        await Service.CreateTenantAsync("stage-owner");
        await Service.CreateTenantAsync("stage-thief");
        var theirs = await Service.Staging.StageAsync("stage-owner", new MemoryStream(TestSamples.Bytes("iris.csv")), UploadLimits.Service);

        using (ServiceCluster.AsTenant("stage-thief"))
        {
            var thief = Service.Client.GetGrain<IDatasetGrain>("stage-thief/loot");
            foreach (var path in new[] { theirs.Path, $"staging/stage-thief/../stage-owner/{Path.GetFileName(theirs.Path)}", "tenants/stage-owner/datasets/iris/v1.csv", "staging/stage-thief/short.csv" })
            {
                var e = await Assert.ThrowsAsync<ServiceException>(() => thief.UploadAsync(new DatasetUpload { Name = "loot", StagedPath = path, Bytes = theirs.Bytes }));
                Assert.Equal(ServiceErrorKind.Forbidden, e.Kind);
            }
            Assert.False(await thief.ExistsAsync());
            Assert.Equal(0, (await Service.Client.GetGrain<ITenantGrain>("stage-thief").GetAsync()).Usage.StoredBytes);
        }
        Assert.True(File.Exists(Path.Combine(Service.DataDirectory, "artifacts", theirs.Path)), "the owner's staged file is not the thief's to delete");
        await Service.Staging.DeleteAsync(theirs.Path);
    }

    [Fact]
    public async Task A_reference_whose_byte_count_does_not_match_is_refused_and_its_file_deleted()
    {
        await Service.CreateTenantAsync("stage-liar");
        var staged = await Service.Staging.StageAsync("stage-liar", new MemoryStream(TestSamples.Bytes("iris.csv")), UploadLimits.Service);
        using var _ = ServiceCluster.AsTenant("stage-liar");

        var e = await Assert.ThrowsAsync<ServiceException>(() => Service.Client.GetGrain<IDatasetGrain>("stage-liar/iris")
            .UploadAsync(DatasetUpload.For(staged with { Bytes = 10 }, "iris")));

        Assert.Equal(ServiceErrorKind.Invalid, e.Kind);
        Assert.False(Staged("stage-liar"));
        Assert.Equal(0, (await Service.Client.GetGrain<ITenantGrain>("stage-liar").GetAsync()).Usage.StoredBytes);
        Assert.False(ArtifactPaths.IsStagedUpload("stage-liar", "staging/stage-liar/" + new string('g', 32) + ".csv"));
    }
}
