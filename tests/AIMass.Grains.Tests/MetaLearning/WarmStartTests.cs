using AIMass.Grains.MetaLearning;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;
using AIMass.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AIMass.Grains.Tests.MetaLearning;

/// <summary>
/// Warm start through the real grains, from knowledge the service learned itself (no shipped prior here, so the
/// outcome depends on nothing but these studies): a finished digits study warm-starts another tenant's digits
/// studies, which beat the same studies started cold; an opted-out tenant's knowledge helps only that tenant.
/// </summary>
public sealed class WarmStartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ServiceCluster _service = null!;

    public async Task InitializeAsync() => _service = await ServiceCluster.StartAsync([new SiloSetup("cpu")],
        services: s => s.AddSingleton(new PriorKnowledge(Path.Combine(Path.GetTempPath(), "no-prior-here.json"))));

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private static StudySpec Digits(int trials, int seed, bool meta) => new()
    {
        Name = "digits", DatasetId = "digits", Target = "digit", Budget = new StudyBudget { MaxTrials = trials }, Parallelism = 1,
        Seed = seed, MaxEpochsPerTrial = 6, Pruner = "none", Distill = false, UseMetaLearning = meta,
    };

    [Fact]
    public async Task Warm_started_studies_beat_cold_ones_after_five_trials()
    {
        await _service.CreateTenantAsync("teacher-lab");
        await _service.CreateTenantAsync("student-lab");
        var digits = TestSamples.Bytes("digits.csv");
        var image = new AIMass.Grains.Datasets.ImageShape(1, 8, 8);
        await _service.UploadAsync("teacher-lab", "digits", digits, target: "digit", image: image);
        await _service.UploadAsync("student-lab", "digits", digits, target: "digit", image: image);
        await _service.CreateStudyAsync("teacher-lab", "learn", Digits(12, seed: 100, meta: false));
        await _service.WaitForStudyAsync("teacher-lab", "learn", TimeSpan.FromMinutes(5));

        var warm = new List<double>();
        var cold = new List<double>();
        foreach (var seed in new[] { 1, 2, 3 })
        {
            await _service.CreateStudyAsync("student-lab", $"warm{seed}", Digits(5, seed, meta: true));
            await _service.CreateStudyAsync("student-lab", $"cold{seed}", Digits(5, seed, meta: false));
            var w = await _service.WaitForStudyAsync("student-lab", $"warm{seed}", TimeSpan.FromMinutes(3));
            var c = await _service.WaitForStudyAsync("student-lab", $"cold{seed}", TimeSpan.FromMinutes(3));
            Assert.True(w.WarmStartTrials > 0, "the warm study got no configurations");
            Assert.Equal(0, c.WarmStartTrials);
            warm.Add(w.BestValue!.Value);
            cold.Add(c.BestValue!.Value);
            output.WriteLine($"seed {seed}: warm {w.BestValue:0.0000} ({w.WarmStartTrials} warm), cold {c.BestValue:0.0000}");
        }

        using (ServiceCluster.AsTenant("student-lab"))
        {
            var trials = await _service.Study("student-lab", "warm1").GetTrialsAsync();
            Assert.Equal(TrialKind.WarmStart, trials.Single(t => t.Number == 0).Kind);
            Assert.Contains(trials, t => t.Kind == TrialKind.Search);
        }
        Assert.True(warm.Average() > cold.Average() + 0.003, $"warm {warm.Average():0.0000} vs cold {cold.Average():0.0000}");
    }

    [Fact]
    public async Task Opted_out_knowledge_helps_only_its_own_tenant()
    {
        using (ServiceCluster.AsAdmin())
        {
            await _service.Client.GetGrain<ITenantGrain>("private-lab").CreateAsync(new TenantCreateRequest { DisplayName = "p", ShareMetaKnowledge = false });
        }
        await _service.CreateTenantAsync("outsider");
        var iris = TestSamples.Bytes("iris.csv");
        await _service.UploadAsync("private-lab", "iris", iris, target: "species");
        await _service.UploadAsync("outsider", "iris", iris, target: "species");
        await _service.CreateStudyAsync("private-lab", "first", new StudySpec
        {
            Name = "iris", DatasetId = "iris", Target = "species", Budget = new StudyBudget { MaxTrials = 3 }, MaxEpochsPerTrial = 5, Pruner = "none", Distill = false, UseMetaLearning = false,
        });
        await _service.WaitForStudyAsync("private-lab", "first", TimeSpan.FromMinutes(2));

        var spec = new StudySpec { Name = "iris", DatasetId = "iris", Target = "species", Budget = new StudyBudget { MaxTrials = 6 }, MaxEpochsPerTrial = 5, Pruner = "none", Distill = false };
        var own = await _service.CreateStudyAsync("private-lab", "second", spec);
        var other = await _service.CreateStudyAsync("outsider", "mine", spec);

        Assert.True(own.WarmStartTrials > 0, "the owner should learn from its own study");
        Assert.Equal(0, other.WarmStartTrials);
        using (ServiceCluster.AsTenant("private-lab")) await _service.Study("private-lab", "second").CancelAsync();
        using (ServiceCluster.AsTenant("outsider")) await _service.Study("outsider", "mine").CancelAsync();
        using (ServiceCluster.AsAdmin())
        {
            var summary = await _service.Client.GetGrain<IMetaLearnerGrain>(IMetaLearnerGrain.Key).GetSummaryAsync();
            Assert.Equal(0, summary.PriorEntries);
            Assert.True(summary.LearnedEntries >= 1);
        }
    }
}
