using AIMass.Grains.Studies;
using AIMass.Grains.Tests.Infrastructure;
using AIMass.Grains.Trials;

namespace AIMass.Grains.Tests.Workers;

/// <summary>A silo dies mid-trial: its leases expire, the trials run again elsewhere, every trial is accounted for once.</summary>
public sealed class SiloFailureTests : IAsyncLifetime
{
    private ServiceCluster _service = null!;

    public async Task InitializeAsync() =>
        _service = await ServiceCluster.StartAsync([new SiloSetup("cpu", CpuSlots: 1), new SiloSetup("cpu", CpuSlots: 1)], leaseDuration: TimeSpan.FromSeconds(3));

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Trials_of_a_killed_silo_rerun_elsewhere_and_the_study_completes()
    {
        await _service.CreateTenantAsync("resilient");
        await _service.UploadAsync("resilient", "digits", TestSamples.Bytes("digits.csv"), target: "digit");
        await _service.CreateStudyAsync("resilient", "s", new StudySpec
        {
            Name = "x", DatasetId = "digits", Target = "digit", Budget = new StudyBudget { MaxTrials = 6 }, Parallelism = 2,
            // A holdout split keeps each trial one long training run (what the test kills a silo under).
            MaxEpochsPerTrial = 40, Pruner = "none", Distill = false, Validation = "holdout",
            SearchSpace = new SearchSpace
            {
                Parameters = [ParameterSpec.Float("lr", 1e-3, 1e-2, log: true)],
                Fixed = new() { ["family"] = "mlp", ["width"] = "256", ["layers"] = "3", ["epochs"] = "40", ["patience"] = "0" },
            },
        });

        var victim = await _service.WaitForAsync("resilient", () => _service.Study("resilient", "s").GetTrialsAsync(),
            trials => trials.Any(t => t.Status == TrialStatus.Running && t.Silo == "silo1"), TimeSpan.FromMinutes(2),
            "a trial running on silo1");
        var lost = victim.First(t => t.Status == TrialStatus.Running && t.Silo == "silo1").Number;
        await _service.Cluster.KillSiloAsync(_service.Cluster.Silos.Single(s => s.Name != _service.Cluster.Silos[0].Name));

        var info = await _service.WaitForStudyAsync("resilient", "s", TimeSpan.FromMinutes(4));

        Assert.Equal(StudyStatus.Completed, info.Status);
        using var _ = ServiceCluster.AsTenant("resilient");
        var trials = await _service.Study("resilient", "s").GetTrialsAsync();
        Assert.Equal(Enumerable.Range(0, 6), trials.Select(t => t.Number).Order());
        Assert.All(trials, t => Assert.Equal(TrialStatus.Complete, t.Status));
        var rerun = trials.Single(t => t.Number == lost);
        Assert.Equal("silo0", rerun.Silo);
        Assert.True(rerun.Attempts >= 2, $"trial {lost} ran {rerun.Attempts} time(s)");
        using var __ = ServiceCluster.AsSystem();
        var history = (await _service.Client.GetGrain<ITrialGrain>($"resilient/s/{lost}").GetAsync()).History;
        Assert.Contains(history, h => h.Contains("expired", StringComparison.Ordinal));
        Assert.Single(history, h => h.Contains(" complete ", StringComparison.Ordinal));
    }
}
