using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;
using AIMass.Grains.Tests.Infrastructure;

namespace AIMass.Grains.Tests.Scheduling;

/// <summary>Fair share through the real grains: a tenant that arrives late is not stuck behind another tenant's 50 studies.</summary>
public sealed class FairShareClusterTests : IAsyncLifetime
{
    private ServiceCluster _service = null!;

    public async Task InitializeAsync() => _service = await ServiceCluster.StartAsync([new SiloSetup("cpu", CpuSlots: 1)]);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Late_tenant_starts_before_the_busy_tenant_gets_more_than_its_share()
    {
        await _service.CreateTenantAsync("busy", new TenantQuotas { MaxActiveStudies = 60 });
        await _service.CreateTenantAsync("late");
        var iris = TestSamples.Bytes("iris.csv");
        await _service.UploadAsync("busy", "iris", iris, target: "species");
        await _service.UploadAsync("late", "iris", iris, target: "species");
        var spec = new StudySpec
        {
            Name = "x", DatasetId = "iris", Target = "species", Budget = new StudyBudget { MaxTrials = 1 }, Parallelism = 1,
            MaxEpochsPerTrial = 1, Pruner = "none", Distill = false,
        };
        for (var i = 0; i < 50; i++) await _service.CreateStudyAsync("busy", $"s{i:00}", spec);
        await _service.CreateStudyAsync("late", "only", spec);
        var lateCreated = DateTimeOffset.UtcNow;

        await _service.WaitForStudyAsync("late", "only", TimeSpan.FromMinutes(3));
        for (var i = 0; i < 50; i++) await _service.WaitForStudyAsync("busy", $"s{i:00}", TimeSpan.FromMinutes(3));

        // Starts are ordered by the single worker's lease order; only starts after the late study existed count.
        var starts = new List<(DateTimeOffset Start, string Tenant)>();
        using (ServiceCluster.AsTenant("late"))
        {
            starts.AddRange((await _service.Study("late", "only").GetTrialsAsync()).Select(t => (t.StartedUtc!.Value, "late")));
        }
        using (ServiceCluster.AsTenant("busy"))
        {
            for (var i = 0; i < 50; i++)
                starts.AddRange((await _service.Study("busy", $"s{i:00}").GetTrialsAsync()).Select(t => (t.StartedUtc!.Value, "busy")));
        }
        var after = starts.Where(s => s.Start >= lateCreated).OrderBy(s => s.Start).Select(s => s.Tenant).ToList();
        var position = after.IndexOf("late");
        Assert.True(position is >= 0 and <= 2, $"the late tenant started at position {position} of [{string.Join(",", after.Take(10))}...]");
        Assert.True(after.Count(t => t == "busy") > 10, "the busy tenant still had work queued when the late one arrived");
    }
}
