using AIMass.Grains.Studies;
using AIMass.Grains.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AIMass.Grains.Tests.Studies;

/// <summary>After the search, constrained scenarios get students distilled from the best model, with a control trained alone.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DistillationStageTests(SharedCluster shared, ITestOutputHelper output)
{
    private ServiceCluster Service => shared.Service;

    [Fact]
    public async Task Edge_scenario_gets_a_small_distilled_model_that_beats_its_control()
    {
        await Service.CreateTenantAsync("distiller");
        await Service.UploadAsync("distiller", "digits", TestSamples.Bytes("digits.csv"), target: "digit");
        var edge = ScenarioSpec.Edge with { MaxLatencyMs = 0.5 };
        await Service.CreateStudyAsync("distiller", "s", new StudySpec
        {
            Name = "teach", DatasetId = "digits", Target = "digit", Seed = 11, Parallelism = 2, Pruner = "none",
            Budget = new StudyBudget { MaxTrials = 3 }, Scenarios = [ScenarioSpec.Accurate, edge], DistillTrialsPerScenario = 4,
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
    }
}
