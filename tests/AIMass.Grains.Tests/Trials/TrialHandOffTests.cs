using AIMass.Grains.Security;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;
using AIMass.Grains.Tests.Infrastructure;
using AIMass.Grains.Tests.Infrastructure.Faults;

namespace AIMass.Grains.Tests.Trials;

/// <summary>
/// A trial's end is stored before its study hears of it; when the report fails, is lost, or its answer is lost, the
/// trial tells again (or the study's tick asks) until the study has it: the study still finishes, and every trial is
/// recorded and counted exactly once.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class TrialHandOffTests(FaultyCluster faulty)
{
    private const int Trials = 3;

    private ServiceCluster Service => faulty.Service;

    private static StudySpec Spec => new()
    {
        Name = "handoff", DatasetId = "iris", Target = "species", Budget = new StudyBudget { MaxTrials = Trials }, Parallelism = 1,
        MaxEpochsPerTrial = 2, Pruner = "none", Distill = false, Validation = "holdout",
        SearchSpace = new SearchSpace
        {
            Parameters = [ParameterSpec.Float("lr", 1e-3, 1e-2, log: true)],
            Fixed = new() { ["family"] = "mlp", ["width"] = "16", ["layers"] = "1", ["epochs"] = "2", ["patience"] = "0" },
        },
    };

    [Theory]
    [InlineData(TrialEndFault.Throw)]
    [InlineData(TrialEndFault.Drop)]
    [InlineData(TrialEndFault.ThrowAfterRecording)]
    public async Task A_lost_trial_end_still_completes_the_study_with_each_trial_counted_once(TrialEndFault fault)
    {
        var tenant = $"handoff-{fault.ToString().ToLowerInvariant()}";
        await Service.CreateTenantAsync(tenant);
        await Service.UploadAsync(tenant, "iris", TestSamples.Bytes("iris.csv"), target: "species");
        faulty.TrialEnds.Arm(GrainKeys.Scoped(tenant, "s"), fault);

        await Service.CreateStudyAsync(tenant, "s", Spec);
        var done = await Service.WaitForStudyAsync(tenant, "s", TimeSpan.FromMinutes(3));

        Assert.Equal(1, faulty.TrialEnds.Applied(GrainKeys.Scoped(tenant, "s")));
        using var _ = ServiceCluster.AsTenant(tenant);
        var trials = await Service.Study(tenant, "s").GetTrialsAsync();
        var described = string.Join("; ", trials.Select(t => $"trial {t.Number} {t.Status} after {t.Attempts} attempt(s): {t.Reason}"));
        Assert.True(done.Status == StudyStatus.Completed, $"{done.Status}: {done.StatusReason}; {described}");
        Assert.Equal(Enumerable.Range(0, Trials), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialStatus.Complete, t.Status));
        Assert.Equal(Trials, done.TrialsComplete);
        Assert.Equal(trials.Sum(t => t.ComputeSeconds), done.ComputeSeconds, 6);
        var usage = (await Service.Client.GetGrain<ITenantGrain>(tenant).GetAsync()).Usage;
        Assert.Equal(Trials, usage.TrialsRun);
        Assert.Equal(0, usage.ActiveStudies);
    }
}
