using System.Diagnostics;
using AIMass.Grains.Security;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;
using AIMass.Grains.Tests.Infrastructure;
using AIMass.Silo.Configuration;
using AIMass.Silo.Jobs;
using AIMass.Silo.Jobs.Processes;
using Microsoft.Extensions.DependencyInjection;

namespace AIMass.Grains.Tests.Jobs.Processes;

/// <summary>
/// One tenant's trials cannot hurt another's: on a real cluster whose silo trains in trainer processes (the service's
/// default), a trial past its memory limit fails with the reason while another tenant's study completes, a killed
/// trainer costs one attempt and the trial completes on the next, and a cancelled study's running trials stop within
/// seconds and stay stopped across a restart.
/// </summary>
public sealed class TrainerIsolationTests
{
    private static readonly TrainerOptions Limited = new() { MemoryLimitMiB = 1024 };

    [Fact]
    public async Task A_trial_past_its_memory_limit_fails_with_the_reason_while_another_tenants_study_completes()
    {
        var silo = Environment.ProcessId;
        await using var service = await ServiceCluster.StartAsync([new SiloSetup("cpu")], trainer: Limited);
        // An admin raised this tenant's per-trial limits, so admission lets the trial run; the trainer's limit still holds.
        await PrepareAsync(service, "hog", "iris.csv", "species", new TenantQuotas { MaxTrialParameters = 10_000_000_000, MaxTrialMemoryMiB = 1_048_576 });
        await PrepareAsync(service, "neighbour", "iris.csv", "species");

        // 16 layers of 8192 x 8192: about 4 GiB of weights, past the 1 GiB limit.
        await service.CreateStudyAsync("hog", "s", Study(1, new() { ["family"] = "mlp", ["width"] = "8192", ["layers"] = "16", ["epochs"] = "3" }));
        await service.CreateStudyAsync("neighbour", "s", Study(3, new() { ["family"] = "mlp", ["width"] = "16", ["layers"] = "1", ["epochs"] = "5" }));

        await service.WaitForStudyAsync("hog", "s", TimeSpan.FromMinutes(3));
        var neighbour = await service.WaitForStudyAsync("neighbour", "s", TimeSpan.FromMinutes(3));

        using (ServiceCluster.AsTenant("hog"))
        {
            var trial = Assert.Single(await service.Study("hog", "s").GetTrialsAsync());
            Assert.Equal(TrialStatus.Failed, trial.Status);
            Assert.StartsWith("exceeded the 1 GiB memory limit", trial.Reason);
            Assert.Equal(1, trial.Attempts); // a limit is not retried
        }
        Assert.Equal(StudyStatus.Completed, neighbour.Status);
        Assert.Equal(3, neighbour.TrialsComplete);
        Assert.Equal(silo, Environment.ProcessId); // the test process hosts the silo: it never went down
    }

    [Fact]
    public async Task A_killed_trainer_costs_one_attempt_and_the_trial_completes()
    {
        await using var service = await ServiceCluster.StartAsync([new SiloSetup("cpu", CpuSlots: 1)]);
        await PrepareAsync(service, "victim", "digits.csv", "digit");
        await service.CreateStudyAsync("victim", "s", Study(1, Slow(epochs: 15), "digit"));
        var executor = Executor(service);
        var trainer = await WaitForAsync(() => executor.BusyTrainerProcessIds.FirstOrDefault(), pid => pid != 0, "a busy trainer");
        Process.GetProcessById(trainer).Kill(); // SIGKILL

        var done = await service.WaitForStudyAsync("victim", "s", TimeSpan.FromMinutes(3));
        using (ServiceCluster.AsTenant("victim"))
        {
            var trial = Assert.Single(await service.Study("victim", "s").GetTrialsAsync());
            Assert.True(trial.Status == TrialStatus.Complete, $"{trial.Status}: {trial.Reason}");
            Assert.Equal(2, trial.Attempts);
            var history = (await service.Client.GetGrain<Grains.Trials.ITrialGrain>(GrainKeys.Trial("victim", "s", 0)).GetAsync()).History;
            Assert.Contains(history, line => line.Contains("attempt 1 crashed: the trainer process was killed by signal 9", StringComparison.Ordinal));
        }
        Assert.Equal(1, done.TrialsComplete);
        Assert.DoesNotContain(trainer, executor.TrainerProcessIds);
    }

    [Fact]
    public async Task Cancelling_a_study_stops_its_running_trials_within_seconds_and_after_a_restart()
    {
        var data = Directory.CreateTempSubdirectory("aimass-cancel-").FullName;
        try
        {
            await using (var service = await ServiceCluster.StartAsync([new SiloSetup("cpu")], dataDirectory: data))
            {
                await PrepareAsync(service, "canceller", "digits.csv", "digit");
                await service.CreateStudyAsync("canceller", "s", Study(10, Slow(epochs: 1000), "digit") with { Parallelism = 2 });
                var executor = Executor(service);
                await WaitForAsync(() => executor.BusyTrainerProcessIds.Count, busy => busy == 2, "two busy trainers");

                var watch = Stopwatch.StartNew();
                using (ServiceCluster.AsTenant("canceller")) await service.Study("canceller", "s").CancelAsync();
                await WaitForAsync(() => executor.BusyTrainerProcessIds.Count, busy => busy == 0, "no busy trainer", TimeSpan.FromSeconds(10));
                var info = await service.WaitForAsync("canceller", () => service.Study("canceller", "s").GetAsync(), i => i.TrialsRunning == 0, TimeSpan.FromSeconds(10), "no running trials");
                Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
                Assert.Equal(StudyStatus.Cancelled, info.Status);
            }

            // After a restart (the trials' leases, had they been kept, would be live again) nothing runs or reports running.
            await using (var again = await ServiceCluster.StartAsync([new SiloSetup("cpu")], dataDirectory: data))
            {
                // Run now every check a restarted cluster makes (each trial's lease check, the study's tick; both one-way,
                // so a read of the same grain after them waits until they are done), then look.
                TrialSummary[] known;
                using (ServiceCluster.AsTenant("canceller")) known = await again.Study("canceller", "s").GetTrialsAsync();
                using (ServiceCluster.AsSystem())
                {
                    foreach (var trial in known)
                    {
                        var grain = again.Client.GetGrain<Grains.Trials.ITrialGrain>(GrainKeys.Trial("canceller", "s", trial.Number));
                        await grain.CheckAsync();
                        Assert.NotEqual(TrialStatus.Running, (await grain.GetAsync()).Summary.Status);
                    }
                    await again.Study("canceller", "s").TickAsync();
                }
                using var _ = ServiceCluster.AsTenant("canceller");
                var info = await again.Study("canceller", "s").GetAsync();
                Assert.Equal(StudyStatus.Cancelled, info.Status);
                Assert.Equal(0, info.TrialsRunning);
                Assert.All(await again.Study("canceller", "s").GetTrialsAsync(), t => Assert.NotEqual(TrialStatus.Running, t.Status));
                Assert.Empty(Executor(again).BusyTrainerProcessIds);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static Dictionary<string, string> Slow(int epochs) => new()
    {
        ["family"] = "mlp", ["width"] = "256", ["layers"] = "3", ["epochs"] = epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), ["patience"] = "0",
    };

    private static StudySpec Study(int trials, Dictionary<string, string> fixedValues, string target = "species") => new()
    {
        Name = "s", DatasetId = "data", Target = target, Budget = new StudyBudget { MaxTrials = trials }, Parallelism = 1,
        MaxEpochsPerTrial = int.Parse(fixedValues["epochs"], System.Globalization.CultureInfo.InvariantCulture), Pruner = "none", Distill = false, Validation = "holdout",
        SearchSpace = new SearchSpace { Parameters = [ParameterSpec.Float("lr", 1e-3, 1e-2, log: true)], Fixed = fixedValues },
    };

    private static async Task PrepareAsync(ServiceCluster service, string tenant, string sample, string target, TenantQuotas? quotas = null)
    {
        await service.CreateTenantAsync(tenant, quotas);
        await service.UploadAsync(tenant, "data", TestSamples.Bytes(sample), target: target);
    }

    private static ProcessTrialExecutor Executor(ServiceCluster service) =>
        (ProcessTrialExecutor)service.Cluster.GetSiloServiceProvider(service.Cluster.Silos[0].SiloAddress).GetRequiredService<ITrialExecutor>();

    private static async Task<T> WaitForAsync<T>(Func<T> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            var value = probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what} (last: {value}).");
            await Task.Delay(100);
        }
    }
}
