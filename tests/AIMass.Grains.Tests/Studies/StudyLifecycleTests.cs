using AIMass.Grains.Security;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;
using AIMass.Grains.Tests.Infrastructure;

namespace AIMass.Grains.Tests.Studies;

[Collection(ClusterCollection.Name)]
public sealed class StudyLifecycleTests(SharedCluster shared)
{
    private ServiceCluster Service => shared.Service;

    private static StudySpec Slow(int trials) => new()
    {
        Name = "slow", DatasetId = "digits", Target = "digit", Budget = new StudyBudget { MaxTrials = trials }, Parallelism = 1,
        // A holdout split keeps each trial one long training run (what pause, cancel and budgets act on).
        MaxEpochsPerTrial = 30, Pruner = "none", Distill = false, Validation = "holdout",
        SearchSpace = new SearchSpace
        {
            Parameters = [ParameterSpec.Float("lr", 1e-3, 1e-2, log: true)],
            Fixed = new() { ["family"] = "mlp", ["width"] = "256", ["layers"] = "3", ["epochs"] = "30", ["patience"] = "0" },
        },
    };

    private async Task PrepareAsync(string tenant, TenantQuotas? quotas = null)
    {
        await Service.CreateTenantAsync(tenant, quotas);
        await Service.UploadAsync(tenant, "digits", TestSamples.Bytes("digits.csv"), target: "digit");
    }

    [Fact]
    public async Task Pause_holds_new_trials_and_resume_finishes_the_study()
    {
        await PrepareAsync("pauser");
        await Service.CreateStudyAsync("pauser", "s", Slow(4));
        await Service.WaitForAsync("pauser", () => Service.Study("pauser", "s").GetAsync(), i => i.TrialsRunning >= 1, TimeSpan.FromMinutes(1), "a running trial");

        using (ServiceCluster.AsTenant("pauser"))
        {
            Assert.Equal(StudyStatus.Paused, (await Service.Study("pauser", "s").PauseAsync()).Status);
            var again = await Assert.ThrowsAsync<ServiceException>(() => Service.Study("pauser", "s").PauseAsync());
            Assert.Equal(ServiceErrorKind.Conflict, again.Kind);
        }
        // The running trial finishes; nothing new starts while paused.
        var paused = await Service.WaitForAsync("pauser", () => Service.Study("pauser", "s").GetAsync(), i => i.TrialsRunning == 0, TimeSpan.FromMinutes(1), "the running trial to end");
        await Task.Delay(1500);
        using (ServiceCluster.AsTenant("pauser"))
        {
            var still = await Service.Study("pauser", "s").GetAsync();
            Assert.Equal(StudyStatus.Paused, still.Status);
            Assert.Equal(paused.TrialsFinished, still.TrialsFinished);
            Assert.Equal(0, still.TrialsRunning);
            await Service.Study("pauser", "s").ResumeAsync();
        }

        var done = await Service.WaitForStudyAsync("pauser", "s", TimeSpan.FromMinutes(2));
        Assert.Equal(StudyStatus.Completed, done.Status);
        using (ServiceCluster.AsTenant("pauser"))
        {
            var trials = await Service.Study("pauser", "s").GetTrialsAsync();
            Assert.True(done.TrialsComplete == 4, string.Join("; ", trials.Select(t => $"trial {t.Number} {t.Status} after {t.Attempts} attempt(s): {t.Reason}")));
        }
    }

    [Fact]
    public async Task Cancel_stops_a_running_study_at_once()
    {
        await PrepareAsync("canceller");
        await Service.CreateStudyAsync("canceller", "s", Slow(20));
        await Service.WaitForAsync("canceller", () => Service.Study("canceller", "s").GetAsync(), i => i.TrialsRunning >= 1, TimeSpan.FromMinutes(1), "a running trial");

        using (ServiceCluster.AsTenant("canceller"))
        {
            var cancelled = await Service.Study("canceller", "s").CancelAsync();
            Assert.Equal(StudyStatus.Cancelled, cancelled.Status);
        }
        var trials = await Service.WaitForAsync("canceller", () => Service.Study("canceller", "s").GetTrialsAsync(),
            t => t.All(x => x.Status is not (TrialStatus.Running or TrialStatus.Queued)), TimeSpan.FromMinutes(1), "every trial to stop");
        Assert.True(trials.Length < 20);
        Assert.Contains(trials, t => t.Status == TrialStatus.Cancelled);
        using (ServiceCluster.AsTenant("canceller"))
        {
            var tenant = await Service.Client.GetGrain<ITenantGrain>("canceller").GetAsync();
            Assert.Equal(0, tenant.Usage.ActiveStudies);
        }
    }

    [Fact]
    public async Task Time_budget_ends_the_study_and_keeps_the_models_trained_so_far()
    {
        await PrepareAsync("hurried");
        await Service.CreateStudyAsync("hurried", "s", Slow(100) with { Budget = new StudyBudget { MaxSeconds = 4 }, Parallelism = 2 });

        var done = await Service.WaitForStudyAsync("hurried", "s", TimeSpan.FromMinutes(1));

        Assert.Equal(StudyStatus.Completed, done.Status);
        Assert.Contains("time budget", done.StatusReason);
        Assert.True(done.TrialsComplete >= 1);
        Assert.True(done.ElapsedSeconds < 4 + 10, $"elapsed {done.ElapsedSeconds}");
    }

    [Fact]
    public async Task Quotas_refuse_over_limit_requests_with_a_clear_message()
    {
        await PrepareAsync("limited", new TenantQuotas { MaxActiveStudies = 1 });
        await Service.CreateStudyAsync("limited", "first", Slow(2));

        var e = await Assert.ThrowsAsync<ServiceException>(() => Service.CreateStudyAsync("limited", "second", Slow(2)));

        Assert.Equal(ServiceErrorKind.QuotaExceeded, e.Kind);
        Assert.Contains("Active-study quota", e.Message);
        using (ServiceCluster.AsTenant("limited"))
        {
            var missing = await Assert.ThrowsAsync<ServiceException>(() => Service.Study("limited", "second").GetAsync());
            Assert.Equal(ServiceErrorKind.NotFound, missing.Kind);
        }
        await Service.WaitForStudyAsync("limited", "first", TimeSpan.FromMinutes(2));
        await Service.CreateStudyAsync("limited", "third", Slow(1));
    }

    [Fact]
    public async Task A_tenants_data_sets_and_studies_are_counted_against_its_quotas()
    {
        await PrepareAsync("counted", new TenantQuotas { MaxDatasets = 1, MaxStudies = 1 });
        var datasets = await Assert.ThrowsAsync<ServiceException>(() => Service.UploadAsync("counted", "iris", TestSamples.Bytes("iris.csv"), target: "species"));
        Assert.Equal(ServiceErrorKind.QuotaExceeded, datasets.Kind);
        Assert.Contains("Data set quota", datasets.Message);

        await Service.CreateStudyAsync("counted", "first", Slow(1));
        using (ServiceCluster.AsTenant("counted")) await Service.Study("counted", "first").CancelAsync();
        var studies = await Assert.ThrowsAsync<ServiceException>(() => Service.CreateStudyAsync("counted", "second", Slow(1)));
        Assert.Equal(ServiceErrorKind.QuotaExceeded, studies.Kind);
        Assert.Contains("Study quota", studies.Message);
    }

    [Fact]
    public async Task Compute_is_charged_as_a_trial_runs_and_a_spent_quota_stops_it_at_the_next_epoch()
    {
        // One trial of 1,000 epochs (minutes) against a 3-second daily quota: heartbeats spend the quota while it runs.
        await PrepareAsync("charged", new TenantQuotas { MaxComputeSecondsPerDay = 3 });
        await Service.CreateStudyAsync("charged", "s", Slow(3) with { MaxEpochsPerTrial = 1000, SearchSpace = Slow(3).SearchSpace! with
        {
            Fixed = new() { ["family"] = "mlp", ["width"] = "256", ["layers"] = "3", ["epochs"] = "1000", ["patience"] = "0" },
        } });

        var trials = await Service.WaitForAsync("charged", () => Service.Study("charged", "s").GetTrialsAsync(),
            t => t.Any(x => x.Status == TrialStatus.Complete), TimeSpan.FromMinutes(2), "the first trial to stop");
        var first = trials.Single(t => t.Status == TrialStatus.Complete);
        Assert.InRange(first.IntermediateValues.Length, 1, 999); // stopped early, with the model it had
        using (ServiceCluster.AsTenant("charged"))
        {
            var history = (await Service.Client.GetGrain<Grains.Trials.ITrialGrain>(GrainKeys.Trial("charged", "s", first.Number)).GetAsync()).History;
            Assert.Contains(history, line => line.Contains("daily compute quota is spent", StringComparison.Ordinal));
            var tenant = await Service.Client.GetGrain<ITenantGrain>("charged").GetAsync();
            Assert.True(tenant.Usage.ComputeSecondsToday >= 3, $"charged {tenant.Usage.ComputeSecondsToday} s");
        }
        // The queue is held and the study says why.
        var info = await Service.WaitForAsync("charged", () => Service.Study("charged", "s").GetAsync(),
            i => i.Activity?.Contains("compute quota") == true, TimeSpan.FromMinutes(1), "the study to report the spent quota");
        Assert.Equal(0, info.TrialsRunning);
        Assert.Equal(1, info.TrialsFinished);
        using (ServiceCluster.AsTenant("charged")) await Service.Study("charged", "s").CancelAsync();
    }

    [Fact]
    public async Task Spent_compute_quota_holds_trials_and_says_why()
    {
        await PrepareAsync("thrifty", new TenantQuotas { MaxComputeSecondsPerDay = 0.5 });
        await Service.CreateStudyAsync("thrifty", "s", Slow(6));

        var info = await Service.WaitForAsync("thrifty", () => Service.Study("thrifty", "s").GetAsync(),
            i => i.Activity?.Contains("compute quota") == true, TimeSpan.FromMinutes(2), "the study to report the spent quota");

        Assert.Equal(StudyStatus.Running, info.Status);
        Assert.True(info.TrialsFinished < 6);
        using (ServiceCluster.AsTenant("thrifty")) await Service.Study("thrifty", "s").CancelAsync();
    }
}
