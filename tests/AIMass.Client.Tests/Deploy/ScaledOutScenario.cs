using AIMass.Client.Datasets;
using AIMass.Client.Tenants;
using AIMass.Client.Tests.Infrastructure;
using AIMass.Grains.Studies;

namespace AIMass.Client.Tests.Deploy;

/// <summary>What the local scaled-out deployment must do, whichever client reaches it.</summary>
public static class ScaledOutScenario
{
    public static async Task RunAsync(IAIMassClient admin, Func<TenantCreated, IAIMassClient> tenantClient, LocalDeployment deployment)
    {
        // Both silos have joined and published their role and devices.
        var view = await WaitForAsync(() => admin.GetClusterAsync(), v => v.Silos.Length == 2 && v.Workers.Length == 2, TimeSpan.FromSeconds(60), "both silos and their workers");
        var gpu = Assert.Single(view.Silos, s => s.Name == "gpu-0");
        Assert.Equal("gpu", gpu.Role);
        Assert.Equal(["cuda:0"], gpu.Devices);
        var cpu = Assert.Single(view.Silos, s => s.Name == "cpu-0");
        Assert.Equal("cpu", cpu.Role);

        var created = await admin.CreateTenantAsync(new NewTenant { TenantId = "local-lab", DisplayName = "Local lab" });
        var tenant = tenantClient(created);
        await tenant.UploadDatasetFileAsync(TestPaths.Sample("iris.csv"), new DatasetUploadOptions { Target = "species" });
        StudySpec Spec(string device) => new()
        {
            Name = $"iris on {device}", DatasetId = "iris", Target = "species", Device = device, Budget = new StudyBudget { MaxTrials = 3 },
            MaxEpochsPerTrial = 5, Pruner = "none", Parallelism = 2, Distill = false, UseMetaLearning = false,
        };
        await tenant.CreateStudyAsync(Spec("gpu"), "on-gpu");
        await tenant.CreateStudyAsync(Spec("cpu"), "on-cpu");

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        foreach (var (study, silo) in new[] { ("on-gpu", "gpu-0"), ("on-cpu", "cpu-0") })
        {
            var final = await tenant.WaitForCompletionAsync(study, null, timeout.Token);
            Assert.True(final.Status == StudyStatus.Completed, $"{study}: {final.Status} {final.StatusReason}\n{deployment.LogTail(silo)}");
            var trials = await tenant.GetTrialsAsync(study);
            // Two search trials and their ensemble, all on the silo offering the study's device.
            Assert.Equal(3, trials.Count);
            Assert.Single(trials, t => t.Kind == TrialKind.Ensemble);
            Assert.All(trials, t => Assert.Equal(silo, t.Silo));
            var best = await tenant.GetBestModelAsync(study, "accurate");
            var header = File.ReadLines(TestPaths.Sample("iris.csv")).First().Split(',');
            var row = header.Zip(File.ReadLines(TestPaths.Sample("iris.csv")).Skip(1).First().Split(','))
                .Where(p => p.First != "species").ToDictionary(p => p.First, p => (string?)p.Second);
            var prediction = await tenant.PredictAsync(study, "accurate", new AIMass.Grains.Models.PredictionRequest { Rows = [row] });
            Assert.Contains(Assert.Single(prediction.Rows).Label, best.Classes);
        }
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(500);
        }
    }
}
