using AIMass.Grains.Cluster;
using AIMass.Grains.Studies;
using AIMass.Grains.Tests.Infrastructure;
using AIMass.Grains.Workers;

namespace AIMass.Grains.Tests.Workers;

/// <summary>
/// Two silos: silo0 offers only a cpu, silo1 a cpu and a (fake, see <c>SiloWorkerOptions.FakeGpu</c>) cuda:0.
/// GPU trials must run on silo1's GPU worker only; CPU trials spread over both; without the GPU silo, GPU trials wait and say why.
/// </summary>
public sealed class DevicePlacementTests : IAsyncLifetime
{
    private ServiceCluster _service = null!;

    public async Task InitializeAsync() =>
        _service = await ServiceCluster.StartAsync([new SiloSetup("cpu", CpuSlots: 1), new SiloSetup("cpu,cuda:0", CpuSlots: 1)], leaseDuration: TimeSpan.FromSeconds(4));

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Gpu_trials_run_only_on_the_gpu_silo_and_cpu_trials_spread()
    {
        await _service.CreateTenantAsync("lab");
        await _service.UploadAsync("lab", "digits", TestSamples.Bytes("digits.csv"), target: "digit");
        var spec = new StudySpec
        {
            Name = "x", DatasetId = "digits", Target = "digit", Budget = new StudyBudget { MaxTrials = 6 }, Parallelism = 4,
            MaxEpochsPerTrial = 4, Pruner = "none", Distill = false,
        };
        await _service.CreateStudyAsync("lab", "on-gpu", spec with { Device = "gpu" });
        await _service.CreateStudyAsync("lab", "on-cpu", spec with { Device = "cpu" });

        await _service.WaitForStudyAsync("lab", "on-gpu", TimeSpan.FromMinutes(3));
        await _service.WaitForStudyAsync("lab", "on-cpu", TimeSpan.FromMinutes(3));

        using var _ = ServiceCluster.AsTenant("lab");
        var gpuTrials = await _service.Study("lab", "on-gpu").GetTrialsAsync();
        var cpuTrials = await _service.Study("lab", "on-cpu").GetTrialsAsync();
        Assert.All(gpuTrials, t => Assert.Equal(TrialStatus.Complete, t.Status));
        Assert.All(gpuTrials, t => Assert.Equal("silo1/cuda:0", t.Worker));
        Assert.All(cpuTrials, t => Assert.EndsWith("/cpu", t.Worker));
        Assert.Equal(["silo0", "silo1"], cpuTrials.Select(t => t.Silo).Distinct().Order());
    }

    [Fact]
    public async Task A_gpu_worker_cannot_be_placed_on_a_cpu_only_silo()
    {
        using var _ = ServiceCluster.AsSystem();
        var e = await Assert.ThrowsAnyAsync<Exception>(() => _service.Client.GetGrain<IWorkerGrain>("silo0/cuda:0").StartAsync(1));
        Assert.Contains("compatible", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Without_the_gpu_silo_gpu_trials_wait_and_say_why()
    {
        await _service.CreateTenantAsync("waiter");
        await _service.UploadAsync("waiter", "iris", TestSamples.Bytes("iris.csv"), target: "species");
        var gpuSilo = _service.Cluster.Silos.Single(s => s.SiloAddress != _service.Cluster.Silos[0].SiloAddress);
        await _service.Cluster.StopSiloAsync(gpuSilo);

        await _service.CreateStudyAsync("waiter", "needs-gpu", new StudySpec
        {
            Name = "x", DatasetId = "iris", Target = "species", Device = "gpu", Budget = new StudyBudget { MaxTrials = 2 }, MaxEpochsPerTrial = 2,
        });

        var info = await _service.WaitForAsync("waiter", () => _service.Study("waiter", "needs-gpu").GetAsync(),
            i => i.Activity is not null, TimeSpan.FromMinutes(2), "the study to explain its wait");
        Assert.Equal(StudyStatus.Running, info.Status);
        Assert.Equal(0, info.TrialsFinished);
        Assert.Contains("no worker offers a gpu device", info.Activity);

        using var __ = ServiceCluster.AsAdmin();
        var view = await _service.Client.GetGrain<IClusterGrain>(IClusterGrain.Key).GetViewAsync();
        Assert.DoesNotContain(view.Silos, s => s.Devices.Contains("cuda:0"));
        Assert.Contains(view.Queue.Tenants, t => t.TenantId == "waiter" && t.Queued > 0);
    }
}
