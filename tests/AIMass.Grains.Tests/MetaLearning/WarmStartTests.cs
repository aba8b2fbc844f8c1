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

    /// <summary>
    /// Digits as a table, two epochs a trial, in a tenant's deliberately wide space where the configuration decides the
    /// outcome: the learning rate spans seven decades (only about one and a half train well in two epochs: too small
    /// learns nothing, too large diverges), weight decay up to 1 (the trainer's bound; decoupled decay that large erases the weights),
    /// dropout up to 0.9 (the trainer's bound) and widths down to 4. The default space on digits saturates (most configurations reach about
    /// 0.97, so warm and cold studies tie); here a random configuration is usually poor and a transferred one is not.
    /// </summary>
    private static readonly SearchSpace WideSpace = new()
    {
        Parameters =
        [
            ParameterSpec.Float("lr", 1e-7, 3.0, log: true),
            ParameterSpec.Float("weight_decay", 1e-6, 1.0, log: true),
            ParameterSpec.Float("dropout", 0.0, 0.9),
            ParameterSpec.Categorical("batch_size", "32", "64", "128", "256"),
            ParameterSpec.Int("width", 4, 256, log: true),
        ],
        Fixed = new Dictionary<string, string> { ["family"] = "mlp", ["layers"] = "2", ["optimizer"] = "adamw", ["schedule"] = "constant" },
    };

    private static StudySpec Digits(int trials, int seed, bool meta) => new()
    {
        Name = "digits", DatasetId = "digits", Target = "digit", Budget = new StudyBudget { MaxTrials = trials }, Parallelism = 1,
        Seed = seed, MaxEpochsPerTrial = 2, Pruner = "none", Distill = false, UseMetaLearning = meta, SearchSpace = WideSpace,
    };

    [Fact]
    public async Task Warm_started_studies_beat_cold_ones_after_five_trials()
    {
        await _service.CreateTenantAsync("teacher-lab");
        await _service.CreateTenantAsync("student-lab");
        var digits = TestSamples.Bytes("digits.csv");
        await _service.UploadAsync("teacher-lab", "digits", digits, target: "digit");
        await _service.UploadAsync("student-lab", "digits", digits, target: "digit");
        await _service.CreateStudyAsync("teacher-lab", "learn", Digits(40, seed: 100, meta: false));
        var teacher = await _service.WaitForStudyAsync("teacher-lab", "learn", TimeSpan.FromMinutes(5));
        output.WriteLine($"teacher best {teacher.BestValue:0.0000}");

        var warm = new List<double>();
        var cold = new List<double>();
        foreach (var seed in new[] { 1, 2, 3, 4, 5, 6 })
        {
            await _service.CreateStudyAsync("student-lab", $"warm{seed}", Digits(5, seed, meta: true));
            await _service.CreateStudyAsync("student-lab", $"cold{seed}", Digits(5, seed, meta: false));
            var w = await _service.WaitForStudyAsync("student-lab", $"warm{seed}", TimeSpan.FromMinutes(3));
            var c = await _service.WaitForStudyAsync("student-lab", $"cold{seed}", TimeSpan.FromMinutes(3));
            Assert.Equal(2, w.WarmStartTrials); // WarmStartPolicy.Default gives a 5-trial study two warm trials
            Assert.Equal(0, c.WarmStartTrials);
            warm.Add(w.BestValue ?? 0);
            cold.Add(c.BestValue ?? 0);
            output.WriteLine($"seed {seed}: warm {w.BestValue:0.0000}, cold {c.BestValue:0.0000}");
        }

        using (ServiceCluster.AsTenant("student-lab"))
        {
            var trials = await _service.Study("student-lab", "warm1").GetTrialsAsync();
            foreach (var t in trials) output.WriteLine($"warm1 #{t.Number} {t.Kind} {t.Value:0.0000} {string.Join(",", t.Params.OrderBy(p => p.Key).Select(p => p.Key + "=" + p.Value))}");
            Assert.Equal(TrialKind.WarmStart, trials.Single(t => t.Number == 0).Kind);
            Assert.Equal(TrialKind.WarmStart, trials.Single(t => t.Number == 1).Kind);
            Assert.Contains(trials, t => t.Kind == TrialKind.Search);
        }
        output.WriteLine($"mean: warm {warm.Average():0.0000}, cold {cold.Average():0.0000}");
        Assert.True(warm.Average() > cold.Average() + 0.03, $"warm {warm.Average():0.0000} vs cold {cold.Average():0.0000}");
        Assert.True(warm.Zip(cold).Count(p => p.First >= p.Second) >= 4, "warm should match or beat cold on most seeds");
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
