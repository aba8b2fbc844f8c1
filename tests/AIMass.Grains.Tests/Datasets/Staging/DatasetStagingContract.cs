using System.Text;
using AIMass.Grains.Artifacts;
using AIMass.Grains.Datasets;
using AIMass.Grains.Datasets.Staging;
using AIMass.Grains.Tests.Infrastructure;

namespace AIMass.Grains.Tests.Datasets.Staging;

/// <summary>What staging must do over every artifact store: stream, count, refuse early and leave nothing, sweep strays.</summary>
public abstract class DatasetStagingContract
{
    protected abstract IArtifactStore Store { get; }

    /// <summary>Asserts that the store holds nothing at all (a store may look further than its listing, at temporary files).</summary>
    protected virtual async Task AssertEmptyAsync() => Assert.Empty(await Store.ListAsync(""));

    private ArtifactDatasetStaging Staging => new(Store);

    [Fact]
    public async Task A_staged_upload_is_counted_and_bound_to_its_tenant()
    {
        var csv = "a,b\n1,2\n3,4\n";
        var staged = await Staging.StageAsync("stager", new MemoryStream(Encoding.UTF8.GetBytes(csv)), UploadLimits.Service);
        var other = await Staging.StageAsync("stager", new MemoryStream(Encoding.UTF8.GetBytes(csv)), UploadLimits.Service);

        Assert.Equal(csv.Length, staged.Bytes);
        Assert.Equal(3, staged.Rows);
        Assert.True(ArtifactPaths.IsStagedUpload("stager", staged.Path), staged.Path);
        Assert.False(ArtifactPaths.IsStagedUpload("stagers", staged.Path));
        Assert.NotEqual(staged.Path, other.Path);
        Assert.Equal(csv, Encoding.UTF8.GetString(await Store.ReadAllBytesAsync(staged.Path)));

        await Staging.DeleteAsync(staged.Path);
        await Staging.DeleteAsync(other.Path);
        await Staging.DeleteAsync(other.Path); // already gone: no error
        await AssertEmptyAsync();
    }

    [Fact]
    public async Task An_upload_over_the_byte_cap_is_refused_before_it_is_read_and_leaves_nothing()
    {
        var source = new GeneratedCsvStream(rows: 16_000_000); // 64 MB
        var e = await Assert.ThrowsAsync<ServiceException>(() =>
            Staging.StageAsync("stager", source, new UploadLimits(100 * 1024, "Test:MaxBytes", UploadLimits.MaxDataRows)));

        Assert.Equal(ServiceErrorKind.TooLarge, e.Kind);
        Assert.True(source.Served < 8L << 20, $"{source.Served} of {source.Total} bytes were read");
        await AssertEmptyAsync();
    }

    [Fact]
    public async Task An_upload_over_the_row_cap_is_refused_and_leaves_nothing()
    {
        var e = await Assert.ThrowsAsync<ServiceException>(() =>
            Staging.StageAsync("stager", new GeneratedCsvStream(rows: 5000), new UploadLimits(long.MaxValue, "bytes", 1000)));

        Assert.Equal(ServiceErrorKind.Invalid, e.Kind);
        Assert.Contains("1000 data rows", e.Message);
        await AssertEmptyAsync();
    }

    [Fact]
    public async Task Stray_staged_uploads_are_swept_once_old_and_only_under_the_folder_swept()
    {
        var mine = await Staging.StageAsync("sweep-a", new MemoryStream("a\n1\n"u8.ToArray()), UploadLimits.Service);
        var theirs = await Staging.StageAsync("sweep-b", new MemoryStream("a\n1\n"u8.ToArray()), UploadLimits.Service);
        var written = Assert.Single(await Store.ListAsync(ArtifactPaths.StagingFolder("sweep-a"))).LastModifiedUtc;
        var sweeper = new StagingSweeper(Store, TimeProvider.System);

        Assert.Equal(0, await sweeper.SweepAsync()); // fresh uploads (under an hour old) are left alone
        Assert.Equal(0, await sweeper.SweepOlderThanAsync(ArtifactPaths.StagingFolder("sweep-a"), written - TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await sweeper.SweepOlderThanAsync(ArtifactPaths.StagingFolder("sweep-a"), written + TimeSpan.FromMinutes(1)));

        Assert.False(await Store.ExistsAsync(mine.Path));
        Assert.True(await Store.ExistsAsync(theirs.Path));
        Assert.Equal(1, await sweeper.SweepOlderThanAsync(ArtifactPaths.StagingRoot, written + TimeSpan.FromMinutes(1)));
        await AssertEmptyAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => sweeper.SweepOlderThanAsync("tenants/", DateTimeOffset.MaxValue));
    }
}
