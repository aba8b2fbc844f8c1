using AIMass.Grains.Security;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;
using AIMass.Grains.Datasets;
using AIMass.Grains.Tests.Infrastructure;

namespace AIMass.Grains.Tests.Processes;

/// <summary>What the process tests do through a client: a tenant, a data set and a study, and waits on it.</summary>
internal static class StudyDriver
{
    public static readonly StudySpec Spec = new()
    {
        Name = "process study", DatasetId = "digits", Target = "digit", Budget = new StudyBudget { MaxTrials = 6 }, Parallelism = 2,
        // A holdout split keeps each trial one long training run (what these tests kill and restart around).
        MaxEpochsPerTrial = 40, Pruner = "none", Distill = false, Validation = "holdout",
        SearchSpace = new SearchSpace
        {
            Parameters = [ParameterSpec.Float("lr", 1e-3, 1e-2, log: true)],
            Fixed = new() { ["family"] = "mlp", ["width"] = "256", ["layers"] = "3", ["epochs"] = "40", ["patience"] = "0" },
        },
    };

    public static async Task StartAsync(IClusterClient client, string tenant, IDatasetStaging staging)
    {
        using (CallerContext.Use(Caller.Admin))
        {
            await client.GetGrain<ITenantGrain>(tenant).CreateAsync(new TenantCreateRequest { DisplayName = tenant });
        }
        using (CallerContext.Use(Caller.ForTenant(tenant)))
        {
            var staged = await staging.StageAsync(tenant, new MemoryStream(TestSamples.Bytes("digits.csv")), UploadLimits.Service);
            await client.GetGrain<IDatasetGrain>($"{tenant}/digits").UploadAsync(DatasetUpload.For(staged, "digits", target: "digit"));
            await client.GetGrain<IStudyGrain>($"{tenant}/s").CreateAsync(Spec);
        }
    }

    public static async Task<TrialSummary[]> WaitForTrialsAsync(IClusterClient client, string tenant, Func<TrialSummary[], bool> done, TimeSpan timeout, string what)
    {
        using var _ = CallerContext.Use(Caller.ForTenant(tenant));
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var trials = await client.GetGrain<IStudyGrain>($"{tenant}/s").GetTrialsAsync();
                if (done(trials)) return trials;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // a silo is going away: the study grain moves
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(250);
        }
    }

    public static async Task<StudyInfo> WaitForEndAsync(IClusterClient client, string tenant, TimeSpan timeout)
    {
        using var _ = CallerContext.Use(Caller.ForTenant(tenant));
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var info = await client.GetGrain<IStudyGrain>($"{tenant}/s").GetAsync();
                if (info.IsFinished) return info;
                if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Study still {info.Status} ({info.TrialsFinished} finished, activity '{info.Activity}').");
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException && DateTime.UtcNow < deadline)
            {
                // the study grain is moving away from a dead silo (calls to it time out until the silo is declared dead)
            }
            await Task.Delay(250);
        }
    }
}
