using AIMass.Grains.Security;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;
using AIMass.Grains.Tests.Infrastructure;
using AIMass.Grains.Trials;

namespace AIMass.Grains.Tests.Studies;

/// <summary>Deleting a study: a running one is cancelled, and its trials, models, record and index entry all go.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StudyDeletionTests(SharedCluster shared)
{
    private ServiceCluster Service => shared.Service;

    private static StudySpec Spec(int trials, int epochs) => new()
    {
        Name = "doomed", DatasetId = "iris", Target = "species", Budget = new StudyBudget { MaxTrials = trials }, Parallelism = 1,
        MaxEpochsPerTrial = epochs, Pruner = "none", Distill = false, Validation = "holdout",
        SearchSpace = new SearchSpace
        {
            Parameters = [ParameterSpec.Float("lr", 1e-3, 1e-2, log: true)],
            Fixed = new() { ["family"] = "mlp", ["width"] = "16", ["layers"] = "1", ["epochs"] = epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), ["patience"] = "0" },
        },
    };

    private string StudyFolder(string tenant, string study) => Path.Combine(Service.DataDirectory, "artifacts", "tenants", tenant, "studies", study);

    [Fact]
    public async Task A_finished_study_is_deleted_with_its_trials_models_and_index_entry()
    {
        const string tenant = "study-deleter";
        await Service.CreateTenantAsync(tenant);
        await Service.UploadAsync(tenant, "iris", TestSamples.Bytes("iris.csv"), target: "species");
        await Service.CreateStudyAsync(tenant, "s", Spec(2, 2));
        var done = await Service.WaitForStudyAsync(tenant, "s", TimeSpan.FromMinutes(2));
        Assert.Equal(StudyStatus.Completed, done.Status);
        Assert.NotEmpty(Directory.GetFiles(StudyFolder(tenant, "s"), "*.zip", SearchOption.AllDirectories));

        using (ServiceCluster.AsTenant("intruder"))
        {
            var refused = await Assert.ThrowsAsync<ServiceException>(() => Service.Study(tenant, "s").DeleteAsync());
            Assert.Equal(ServiceErrorKind.Forbidden, refused.Kind);
        }
        using (ServiceCluster.AsTenant(tenant))
        {
            await Service.Study(tenant, "s").DeleteAsync();
            var gone = await Assert.ThrowsAsync<ServiceException>(() => Service.Study(tenant, "s").GetAsync());
            Assert.Equal(ServiceErrorKind.NotFound, gone.Kind);
            var again = await Assert.ThrowsAsync<ServiceException>(() => Service.Study(tenant, "s").DeleteAsync());
            Assert.Equal(ServiceErrorKind.NotFound, again.Kind);
            Assert.DoesNotContain(await Service.Client.GetGrain<ITenantGrain>(tenant).ListStudiesAsync(), s => s.Id == "s");
        }
        Assert.Empty(Directory.Exists(StudyFolder(tenant, "s")) ? Directory.GetFiles(StudyFolder(tenant, "s"), "*", SearchOption.AllDirectories) : []);
        await AssertTrialsGoneAsync(tenant, "s", 2);

        // The id is free again: a new study of that name starts from nothing.
        await Service.CreateStudyAsync(tenant, "s", Spec(1, 1));
        var fresh = await Service.WaitForStudyAsync(tenant, "s", TimeSpan.FromMinutes(2));
        Assert.Equal(1, fresh.TrialsComplete);
    }

    [Fact]
    public async Task A_running_study_is_cancelled_then_deleted()
    {
        const string tenant = "running-deleter";
        await Service.CreateTenantAsync(tenant);
        await Service.UploadAsync(tenant, "iris", TestSamples.Bytes("iris.csv"), target: "species");
        await Service.CreateStudyAsync(tenant, "s", Spec(50, 400));
        await Service.WaitForAsync(tenant, () => Service.Study(tenant, "s").GetAsync(), i => i.TrialsRunning >= 1, TimeSpan.FromMinutes(1), "a running trial");

        using (ServiceCluster.AsTenant(tenant))
        {
            await Service.Study(tenant, "s").DeleteAsync();
            Assert.Equal(ServiceErrorKind.NotFound, (await Assert.ThrowsAsync<ServiceException>(() => Service.Study(tenant, "s").GetAsync())).Kind);
            var usage = (await Service.Client.GetGrain<ITenantGrain>(tenant).GetAsync()).Usage;
            Assert.Equal(0, usage.ActiveStudies);
        }
        await AssertTrialsGoneAsync(tenant, "s", 1);
    }

    private async Task AssertTrialsGoneAsync(string tenant, string study, int trials)
    {
        using var _ = ServiceCluster.AsSystem();
        for (var number = 0; number < trials; number++)
        {
            var trial = Service.Client.GetGrain<ITrialGrain>(GrainKeys.Trial(tenant, study, number));
            // The trials hear of the deletion one-way: give them a moment.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (true)
            {
                try
                {
                    await trial.GetAsync();
                }
                catch (ServiceException e) when (e.Kind == ServiceErrorKind.NotFound)
                {
                    break;
                }
                Assert.True(DateTime.UtcNow < deadline, $"trial {number} of the deleted study still has its record");
                await Task.Delay(100);
            }
        }
    }
}
