using AIMass.Grains.Artifacts;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;
using AIMass.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AIMass.Grains.Tests.Trials;

/// <summary>Accepted trials' model files count against the tenant's stored bytes and its storage quota.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ModelStorageQuotaTests(SharedCluster shared)
{
    private ServiceCluster Service => shared.Service;

    private static readonly int IrisBytes = TestSamples.Bytes("iris.csv").Length;

    private IArtifactStore Store => Service.Cluster.Silos[0].ServiceProvider.GetRequiredService<IArtifactStore>();

    private static StudySpec Small(int trials) => new()
    {
        Name = "small", DatasetId = "iris", Target = "species", Budget = new StudyBudget { MaxTrials = trials }, Parallelism = 1,
        Seed = 5, Pruner = "none", Distill = false, Validation = "holdout",
        SearchSpace = new SearchSpace { Fixed = new() { ["family"] = "mlp", ["width"] = "16", ["layers"] = "1", ["epochs"] = "3", ["patience"] = "0" } },
    };

    private async Task<long> StoredBytesAsync(string tenant)
    {
        using var _ = ServiceCluster.AsAdmin();
        return (await Service.Client.GetGrain<ITenantGrain>(tenant).GetAsync()).Usage.StoredBytes;
    }

    private async Task<long> ModelFileBytesAsync(TrialSummary[] trials)
    {
        long sum = 0;
        foreach (var t in trials.Where(t => t.ArtifactPath is not null)) sum += (await Store.ReadAllBytesAsync(t.ArtifactPath!)).Length;
        return sum;
    }

    [Fact]
    public async Task Model_files_count_as_stored_bytes_until_the_study_is_deleted()
    {
        await Service.CreateTenantAsync("model-bytes");
        await Service.UploadAsync("model-bytes", "iris", TestSamples.Bytes("iris.csv"), target: "species");
        await Service.CreateStudyAsync("model-bytes", "s", Small(2));

        var info = await Service.WaitForStudyAsync("model-bytes", "s", TimeSpan.FromMinutes(2));

        Assert.Equal(StudyStatus.Completed, info.Status);
        TrialSummary[] trials;
        using (ServiceCluster.AsTenant("model-bytes")) trials = await Service.Study("model-bytes", "s").GetTrialsAsync();
        Assert.Equal(2, trials.Count(t => t.ArtifactPath is not null));
        var models = await ModelFileBytesAsync(trials);
        Assert.True(models > 0);
        Assert.Equal(IrisBytes + models, await StoredBytesAsync("model-bytes"));

        using (ServiceCluster.AsTenant("model-bytes")) await Service.Study("model-bytes", "s").DeleteAsync();

        Assert.Equal(IrisBytes, await StoredBytesAsync("model-bytes"));
    }

    [Fact]
    public async Task A_model_beyond_the_storage_quota_fails_its_trial_is_not_kept_and_holds_the_study_until_there_is_room()
    {
        var limit = IrisBytes + 100;
        await Service.CreateTenantAsync("model-tiny", new TenantQuotas { MaxStoredBytes = limit });
        await Service.UploadAsync("model-tiny", "iris", TestSamples.Bytes("iris.csv"), target: "species");
        await Service.CreateStudyAsync("model-tiny", "s", Small(2));
        var study = Service.Study("model-tiny", "s");

        var held = await Service.WaitForAsync("model-tiny", () => study.GetAsync(), i => i.Activity?.Contains("storage quota exceeded") == true || i.IsFinished,
            TimeSpan.FromMinutes(2), "the study to wait for storage");

        Assert.Equal(StudyStatus.Running, held.Status);
        Assert.Contains("no new trials until stored bytes are freed", held.Activity);
        TrialSummary[] trials;
        using (ServiceCluster.AsTenant("model-tiny")) trials = await study.GetTrialsAsync();
        var failed = Assert.Single(trials);
        Assert.Equal(TrialStatus.Failed, failed.Status);
        Assert.StartsWith($"storage quota exceeded: {IrisBytes} bytes used of the tenant's limit of {limit}", failed.Reason);
        Assert.Null(failed.ArtifactPath);
        Assert.Empty(await Store.ListAsync(ArtifactPaths.StudyFolder("model-tiny", "s")));
        Assert.Equal(IrisBytes, await StoredBytesAsync("model-tiny"));

        // Room again: the study proposes its second trial, whose model is kept and counted.
        using (ServiceCluster.AsAdmin()) await Service.Client.GetGrain<ITenantGrain>("model-tiny").SetQuotasAsync(new TenantQuotas { MaxStoredBytes = 10_000_000 });
        var info = await Service.WaitForStudyAsync("model-tiny", "s", TimeSpan.FromMinutes(2));

        Assert.Equal(StudyStatus.Completed, info.Status);
        using (ServiceCluster.AsTenant("model-tiny")) trials = await study.GetTrialsAsync();
        Assert.Equal(2, trials.Length);
        Assert.Equal(TrialStatus.Complete, trials.Single(t => t.Number == 1).Status);
        Assert.Equal(IrisBytes + await ModelFileBytesAsync(trials), await StoredBytesAsync("model-tiny"));
    }
}
