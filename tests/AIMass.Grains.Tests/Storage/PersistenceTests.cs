using AIMass.Grains.Datasets;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;
using AIMass.Grains.Tests.Infrastructure;

namespace AIMass.Grains.Tests.Storage;

/// <summary>State survives a dead cluster: a new cluster over the same SQLite file finds everything, and a study
/// that was running when everything died resumes and completes.</summary>
public sealed class PersistenceTests
{
    [Fact]
    public async Task Everything_is_there_after_the_cluster_dies_and_a_running_study_resumes()
    {
        var data = Path.Combine(Path.GetTempPath(), "aimass-tests", Guid.NewGuid().ToString("N"));
        var spec = new StudySpec
        {
            Name = "x", DatasetId = "iris", Target = "species", Parallelism = 1, MaxEpochsPerTrial = 30, Pruner = "none", Distill = false,
            SearchSpace = new SearchSpace
            {
                Parameters = [ParameterSpec.Float("lr", 1e-3, 3e-2, log: true)],
                Fixed = new() { ["family"] = "mlp", ["epochs"] = "30", ["patience"] = "0" },
            },
        };
        Leaderboard before;
        await using (var first = await ServiceCluster.StartAsync([new SiloSetup("cpu", CpuSlots: 1)], data, leaseDuration: TimeSpan.FromSeconds(4)))
        {
            await first.CreateTenantAsync("keeper");
            await first.UploadAsync("keeper", "iris", TestSamples.Bytes("iris.csv"), target: "species");
            await first.CreateStudyAsync("keeper", "done", spec with { Budget = new StudyBudget { MaxTrials = 2 } });
            await first.WaitForStudyAsync("keeper", "done", TimeSpan.FromMinutes(2));
            using (ServiceCluster.AsTenant("keeper")) before = await first.Study("keeper", "done").GetLeaderboardAsync();

            await first.CreateStudyAsync("keeper", "running", spec with { Budget = new StudyBudget { MaxTrials = 5 } });
            await first.WaitForAsync("keeper", () => first.Study("keeper", "running").GetAsync(), i => i.TrialsComplete >= 1,
                TimeSpan.FromMinutes(2), "one finished trial");
            foreach (var silo in first.Cluster.Silos.ToList()) await first.Cluster.KillSiloAsync(silo);
        }

        await using var second = await ServiceCluster.StartAsync([new SiloSetup("cpu", CpuSlots: 1)], data, leaseDuration: TimeSpan.FromSeconds(4));
        using (ServiceCluster.AsTenant("keeper"))
        {
            var tenant = await second.Client.GetGrain<ITenantGrain>("keeper").GetAsync();
            Assert.Equal(["done", "running"], (await second.Client.GetGrain<ITenantGrain>("keeper").ListStudiesAsync()).Select(s => s.Id));
            Assert.True(tenant.Usage.StoredBytes > 0);
            var dataset = await second.Client.GetGrain<IDatasetGrain>("keeper/iris").GetAsync();
            Assert.Equal(150, dataset.Current.Rows);
            var after = await second.Study("keeper", "done").GetLeaderboardAsync();
            Assert.Equal(before.Entries.Select(e => (e.TrialNumber, e.ValidationScore)), after.Entries.Select(e => (e.TrialNumber, e.ValidationScore)));
            Assert.Equal(StudyStatus.Completed, (await second.Study("keeper", "done").GetAsync()).Status);
        }

        using var cleanup = new TemporaryFolder(data);
        var resumed = await second.WaitForStudyAsync("keeper", "running", TimeSpan.FromMinutes(3));
        using (ServiceCluster.AsTenant("keeper"))
        {
            var trials = await second.Study("keeper", "running").GetTrialsAsync();
            // Four cross-validated trials, then the ensemble of them (the fifth trial of the budget).
            Assert.True(resumed.Status == StudyStatus.Completed && resumed.TrialsComplete == 5 && trials.Count(t => t.Kind == TrialKind.Ensemble) == 1,
                $"{resumed.Status} ({resumed.StatusReason}): " + string.Join("; ", trials.Select(t => $"{t.Number}:{t.Status} {t.Reason}")));
        }
    }
}
