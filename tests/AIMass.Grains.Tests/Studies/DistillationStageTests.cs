using AIMass.Grains.Studies;
using AIMass.Grains.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AIMass.Grains.Tests.Studies;

/// <summary>After the search, constrained scenarios get students distilled from the best model, with a control trained alone.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DistillationStageTests(SharedCluster shared, ITestOutputHelper output)
{
    private ServiceCluster Service => shared.Service;

    /// <summary>
    /// The trial budget covers every trial: of 11, the search keeps 5 for later (half the budget; the ensemble and a
    /// student study with its control would take 6), the cross-validated search's ensemble takes one, and the students
    /// are capped at 3 (of 4 asked for) so that their control still fits.
    /// </summary>
    [Fact]
    public async Task Edge_scenario_gets_a_small_distilled_model_that_beats_its_control()
    {
        await Service.CreateTenantAsync("distiller");
        await Service.UploadAsync("distiller", "digits", TestSamples.Bytes("digits.csv"), target: "digit");
        var edge = ScenarioSpec.Edge with { MaxLatencyMs = 0.5 };
        await Service.CreateStudyAsync("distiller", "s", new StudySpec
        {
            Name = "teach", DatasetId = "digits", Target = "digit", Seed = 11, Parallelism = 2, Pruner = "none",
            Budget = new StudyBudget { MaxTrials = 11 }, Scenarios = [ScenarioSpec.Accurate, edge], DistillTrialsPerScenario = 4,
            SearchSpace = new SearchSpace
            {
                Parameters = [ParameterSpec.Int("width", 256, 512, log: true), ParameterSpec.Float("lr", 1e-3, 5e-3, log: true)],
                Fixed = new() { ["family"] = "mlp", ["layers"] = "2", ["epochs"] = "40", ["patience"] = "10", ["dropout"] = "0.1" },
            },
        });

        var info = await Service.WaitForStudyAsync("distiller", "s", TimeSpan.FromMinutes(5));

        Assert.Equal(StudyStatus.Completed, info.Status);
        using var _ = ServiceCluster.AsTenant("distiller");
        var study = Service.Study("distiller", "s");
        var trials = await study.GetTrialsAsync();
        var described = string.Join("\n", trials.Select(t => $"{t.Number} {t.Kind} {t.Status} {t.Scenario} v={t.Value:0.000} test={t.TestMetrics.GetValueOrDefault("accuracy"):0.000} p={t.ParameterCount} lat={t.LatencyMs:0.000} {t.Reason} {string.Join(",", t.Params.Select(kv => kv.Key + "=" + kv.Value))}"));
        output.WriteLine(described);
        Assert.True(trials.Count() <= 11, described);
        Assert.Equal(6, trials.Count(t => t.Kind is TrialKind.Search or TrialKind.WarmStart));
        Assert.Equal(3, trials.Count(t => t.Kind == TrialKind.Distillation));
        Assert.True(trials.Any(t => t.Kind == TrialKind.Control), described);
        var accurate = (await study.GetLeaderboardAsync("accurate")).Best!;
        var best = (await study.GetLeaderboardAsync("edge")).Best!;
        Assert.Equal(TrialKind.Distillation, best.Kind);
        Assert.Equal(accurate.TrialNumber, best.TeacherTrial);
        Assert.True(best.ParameterCount * 10 <= accurate.ParameterCount, $"edge {best.ParameterCount} vs accurate {accurate.ParameterCount} parameters");
        Assert.True(best.LatencyMs <= edge.MaxLatencyMs, $"latency {best.LatencyMs} ms");

        var student = trials.Single(t => t.Number == best.TrialNumber);
        var control = trials.Single(t => t.Kind == TrialKind.Control && t.Scenario == "edge");
        Assert.Equal(student.Params["width"], control.Params["width"]);
        Assert.DoesNotContain("temperature", control.Params.Keys);
        Assert.True(best.TestMetrics["accuracy"] > control.TestMetrics["accuracy"],
            $"distilled {best.TestMetrics["accuracy"]:0.0000} vs alone {control.TestMetrics["accuracy"]:0.0000}");
        Assert.Contains("distilled for edge", info.StatusReason);
        Assert.Contains("capped by the trial budget", info.StatusReason);
    }

    [Fact]
    public async Task No_students_when_the_trial_budget_leaves_no_room_and_the_reason_says_so()
    {
        await Service.CreateTenantAsync("no-room");
        await Service.UploadAsync("no-room", "iris", TestSamples.Bytes("iris.csv"), target: "species");
        // A single trial: half of it (none) is kept after the search, so the one search trial is also the last.
        var tiny = new ScenarioSpec { Name = "tiny", Description = "at most 10 parameters", MaxParameters = 10 };
        await Service.CreateStudyAsync("no-room", "s", new StudySpec
        {
            Name = "no-room", DatasetId = "iris", Target = "species", Seed = 3, Parallelism = 2, Pruner = "none", Validation = "holdout",
            Budget = new StudyBudget { MaxTrials = 1 }, Scenarios = [ScenarioSpec.Accurate, tiny], DistillTrialsPerScenario = 4,
            SearchSpace = new SearchSpace
            {
                Fixed = new() { ["family"] = "mlp", ["width"] = "16", ["layers"] = "1", ["epochs"] = "5", ["patience"] = "0" },
            },
        });

        var info = await Service.WaitForStudyAsync("no-room", "s", TimeSpan.FromMinutes(2));

        using var _ = ServiceCluster.AsTenant("no-room");
        var trials = await Service.Study("no-room", "s").GetTrialsAsync();
        Assert.Equal(StudyStatus.Completed, info.Status);
        Assert.Equal(TrialKind.Search, Assert.Single(trials).Kind);
        Assert.Contains("no students distilled for tiny", info.StatusReason);
        Assert.Contains("trial budget of 1 is used", info.StatusReason);
    }
}
