using AIMass.Grains.Models;
using AIMass.Grains.Studies;
using AIMass.Grains.Tests.Infrastructure;
using AIMass.Training.Artifacts;
using AIMass.Training.Data;
using AIMass.Training.Inference;
using Xunit.Abstractions;

namespace AIMass.Grains.Tests.Studies;

/// <summary>Small data sets are searched with k-fold cross-validation; the study ends with an ensemble of its best trials.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CrossValidatedStudyTests(SharedCluster shared, ITestOutputHelper output)
{
    private ServiceCluster Service => shared.Service;

    [Fact]
    public async Task The_served_model_is_the_ensemble_when_it_wins_on_cross_validation()
    {
        await Service.CreateTenantAsync("cv-lab");
        await Service.UploadAsync("cv-lab", "iris", TestSamples.Bytes("iris.csv"), target: "species");
        // The default space's portfolio (linear, knn, kernel ridge, extra trees, random forest, boosted trees, MLP), one at a
        // time; the eighth trial of the budget is kept for the ensemble.
        await Service.CreateStudyAsync("cv-lab", "s", new StudySpec
        {
            Name = "portfolio", DatasetId = "iris", Target = "species", Seed = 7, Parallelism = 1, Pruner = "none",
            Budget = new StudyBudget { MaxTrials = 8 }, Distill = false, UseMetaLearning = false,
        });

        var info = await Service.WaitForStudyAsync("cv-lab", "s", TimeSpan.FromMinutes(4));

        Assert.Equal(StudyStatus.Completed, info.Status);
        using var _ = ServiceCluster.AsTenant("cv-lab");
        var study = Service.Study("cv-lab", "s");
        var trials = await study.GetTrialsAsync();
        output.WriteLine(string.Join("\n", trials.Select(t => $"{t.Number} {t.Kind} {t.Family} {t.Status} {t.TrainedAs} rows={t.TrainRows} v={t.Value:0.0000} ll={t.ValidationMetrics.GetValueOrDefault("log_loss"):0.0000}")));
        Assert.Equal(8, trials.Count());
        var searched = trials.Where(t => t.Kind == TrialKind.Search).ToList();
        Assert.Equal(["linear", "knn", "krr", "et", "rf", "gbdt", "mlp"], searched.OrderBy(t => t.Number).Select(t => t.Family));
        // 150 rows are few: 5-fold cross-validation repeated 3 times, each fold a step.
        Assert.All(searched, t => Assert.Equal(15, t.IntermediateValues.Length));
        // 150 rows less 10% internal test rows: every model was trained on (or bagged over) the other 135.
        Assert.All(searched, t => Assert.Equal(135, t.TrainRows));
        Assert.All(searched, t => Assert.Equal(t.Family is "et" or "rf" ? "refit" : "bagged", t.TrainedAs));

        var ensemble = Assert.Single(trials, t => t.Kind == TrialKind.Ensemble);
        Assert.Equal(TrialStatus.Complete, ensemble.Status);
        Assert.Equal("ensemble", ensemble.TrainedAs);
        Assert.Equal(ensemble.MemberWeights.Count, ensemble.Members);
        Assert.Equal(1.0, ensemble.MemberWeights.Values.Sum(), 9);
        Assert.Equal(ensemble.MemberWeights.Keys.Sum(n => trials.Single(t => t.Number == n).ParameterCount), ensemble.ParameterCount);

        // It wins on cross-validation (a better out-of-fold score, or the same with a lower log loss) and is served.
        var bestSingle = searched.OrderByDescending(t => t.Value).ThenBy(t => t.ValidationMetrics["log_loss"]).First();
        var wins = ensemble.Value > bestSingle.Value
            || (ensemble.Value == bestSingle.Value && ensemble.ValidationMetrics["log_loss"] < bestSingle.ValidationMetrics["log_loss"]);
        Assert.True(wins, $"ensemble {ensemble.Value} / {ensemble.ValidationMetrics["log_loss"]} vs trial {bestSingle.Number} {bestSingle.Value} / {bestSingle.ValidationMetrics["log_loss"]}");
        var board = await study.GetLeaderboardAsync("accurate");
        Assert.Equal(ensemble.Number, board.Best!.TrialNumber);
        Assert.Equal("ensemble", board.Best.TrainedAs);
        Assert.Equal($"ensemble of {ensemble.Members}", board.Best.Training);

        // The model grain serves it: its predictions are the ensemble artifact's.
        var model = Service.Client.GetGrain<IModelGrain>($"cv-lab/s/{ensemble.Number}");
        var bytes = await model.DownloadAsync();
        var artifact = ModelArtifact.Load(new MemoryStream(bytes));
        Assert.Equal(TrainingModes.Ensemble, artifact.Metadata.TrainedAs);
        var table = CsvTable.Load(TestSamples.Path("iris.csv"));
        var rows = Enumerable.Range(0, 10).Select(r => (IReadOnlyDictionary<string, string?>)table.Columns.Where(c => c != "species")
            .ToDictionary(c => c, c => table.Column(c)[r * 15])).ToArray();
        var served = await model.PredictAsync(new PredictionRequest { Rows = rows.Select(r => r.ToDictionary(kv => kv.Key, kv => kv.Value)).ToArray() });
        using var local = Predictor.FromArtifact(artifact);
        var expected = local.Predict(rows);
        Assert.Equal(expected.Rows.Select(r => r.Label), served.Rows.Select(r => r.Label));
    }

    [Fact]
    public async Task Pruned_trials_of_a_cross_validated_study_stop_before_their_last_fold()
    {
        await Service.CreateTenantAsync("cv-prune");
        await Service.UploadAsync("cv-prune", "iris", TestSamples.Bytes("iris.csv"), target: "species");
        // Strong penalties make a logistic regression predict the class shares: much worse than the median trial.
        await Service.CreateStudyAsync("cv-prune", "s", new StudySpec
        {
            Name = "prune", DatasetId = "iris", Target = "species", Seed = 3, Parallelism = 1, Pruner = "median", Validation = "cv", Folds = 5, Repeats = 1,
            Budget = new StudyBudget { MaxTrials = 16 }, Distill = false, UseMetaLearning = false, Ensemble = false,
            SearchSpace = new SearchSpace
            {
                Parameters = [ParameterSpec.Float("alpha", 1e-3, 1e6, log: true)],
                Fixed = new() { ["family"] = "linear" },
            },
        });

        var info = await Service.WaitForStudyAsync("cv-prune", "s", TimeSpan.FromMinutes(3));

        Assert.Equal(StudyStatus.Completed, info.Status);
        using var _ = ServiceCluster.AsTenant("cv-prune");
        var trials = await Service.Study("cv-prune", "s").GetTrialsAsync();
        output.WriteLine(string.Join("\n", trials.Select(t => $"{t.Number} {t.Status} alpha={t.Params["alpha"]} steps={t.IntermediateValues.Length} v={t.Value:0.000} {t.Reason}")));
        var pruned = trials.Where(t => t.Status == TrialStatus.Pruned).ToList();
        Assert.NotEmpty(pruned);
        Assert.All(pruned, t => Assert.InRange(t.IntermediateValues.Length, 1, 4));
        Assert.All(pruned, t => Assert.StartsWith("pruned after fold", t.Reason));
        Assert.All(trials.Where(t => t.Status == TrialStatus.Complete), t => Assert.Equal(5, t.IntermediateValues.Length));
        Assert.DoesNotContain(trials, t => t.Kind == TrialKind.Ensemble);
    }
}
