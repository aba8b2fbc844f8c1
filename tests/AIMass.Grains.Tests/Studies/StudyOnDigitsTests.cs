using AIMass.Grains.Models;
using AIMass.Grains.Studies;
using AIMass.Grains.Tests.Infrastructure;
using AIMass.Grains.Trials;

namespace AIMass.Grains.Tests.Studies;

[Collection(ClusterCollection.Name)]
public sealed class StudyOnDigitsTests(SharedCluster shared)
{
    private ServiceCluster Service => shared.Service;

    [Fact]
    public async Task Four_trial_study_completes_on_the_cpu_silo_only()
    {
        await Service.CreateTenantAsync("digits-lab");
        await Service.UploadAsync("digits-lab", "digits", TestSamples.Bytes("digits.csv"), target: "digit");
        await Service.CreateStudyAsync("digits-lab", "four", new StudySpec
        {
            Name = "four trials", DatasetId = "digits", Target = "digit", Budget = new StudyBudget { MaxTrials = 5 },
            Seed = 3, Parallelism = 2, MaxEpochsPerTrial = 15, Pruner = "none", Distill = false,
        });

        var info = await Service.WaitForStudyAsync("digits-lab", "four", TimeSpan.FromMinutes(4));

        Assert.Equal(StudyStatus.Completed, info.Status);
        Assert.Equal("classification", info.Task);
        Assert.Equal("accuracy", info.Metric);
        using var _ = ServiceCluster.AsTenant("digits-lab");
        var trials = await Service.Study("digits-lab", "four").GetTrialsAsync();
        // Four cross-validated search trials, then their ensemble.
        Assert.Equal(5, trials.Length);
        Assert.Equal(4, trials.Count(t => t.Kind == TrialKind.Search));
        Assert.Equal(TrialKind.Ensemble, trials.Single(t => t.Number == 4).Kind);
        Assert.All(trials, t => Assert.Equal(TrialStatus.Complete, t.Status));
        Assert.All(trials, t => Assert.Equal("silo0", t.Silo));
        Assert.All(trials, t => Assert.Equal(1, t.Attempts));
        Assert.All(trials, t => Assert.NotEmpty(t.IntermediateValues));
        Assert.True(info.BestValue > 0.8, $"best validation accuracy {info.BestValue}");

        var board = await Service.Study("digits-lab", "four").GetLeaderboardAsync("accurate");
        Assert.Equal(5, board.Entries.Length);
        Assert.Equal(board.Entries.Max(e => e.ValidationScore), board.Entries[0].ValidationScore);
        Assert.All(board.Entries, e => Assert.True(e.TestMetrics.ContainsKey("accuracy")));

        var trial = await Service.Client.GetGrain<ITrialGrain>($"digits-lab/four/{board.Entries[0].TrialNumber}").GetAsync();
        Assert.Contains(trial.History, h => h.Contains("leased to silo0/cpu", StringComparison.Ordinal));

        // The model grain serves the best model and predicts exactly as many rows as it is given.
        var model = Service.Client.GetGrain<IModelGrain>($"digits-lab/four/{board.Entries[0].TrialNumber}");
        var rows = File.ReadLines(TestSamples.Path("digits.csv")).Skip(1).Take(5)
            .Select(line => line.Split(','))
            .Select(cells => File.ReadLines(TestSamples.Path("digits.csv")).First().Split(',').Zip(cells).ToDictionary(p => p.First, p => (string?)p.Second))
            .ToArray();
        var predictions = await model.PredictAsync(new PredictionRequest { Rows = rows });
        Assert.Equal(5, predictions.Rows.Length);
        Assert.All(predictions.Rows, r => Assert.Contains(r.Label, Enumerable.Range(0, 10).Select(d => d.ToString())));
    }

    [Fact]
    public async Task Invalid_study_specs_are_refused_naming_the_field()
    {
        await Service.CreateTenantAsync("spec-lab");
        await Service.UploadAsync("spec-lab", "iris", TestSamples.Bytes("iris.csv"));

        var wrongTarget = await Assert.ThrowsAsync<ServiceException>(() => Service.CreateStudyAsync("spec-lab", "s1",
            new StudySpec { Name = "x", DatasetId = "iris", Target = "colour" }));
        Assert.Equal(ServiceErrorKind.Invalid, wrongTarget.Kind);
        Assert.Contains("'colour'", wrongTarget.Message);

        var badSpace = await Assert.ThrowsAsync<ServiceException>(() => Service.CreateStudyAsync("spec-lab", "s2", new StudySpec
        {
            Name = "x", DatasetId = "iris", Target = "species", Sampler = "magic",
            SearchSpace = new SearchSpace { Parameters = [ParameterSpec.Float("lr", 1, 0.1), ParameterSpec.Int("bogus", 1, 2)] },
        }));
        Assert.Contains(badSpace.Errors, e => e.Column == "sampler");
        Assert.Contains(badSpace.Errors, e => e.Column == "searchSpace.lr" && e.Message.Contains("above high"));
        Assert.Contains(badSpace.Errors, e => e.Column == "searchSpace.bogus");

        var regressionOnText = await Assert.ThrowsAsync<ServiceException>(() => Service.CreateStudyAsync("spec-lab", "s3",
            new StudySpec { Name = "x", DatasetId = "iris", Target = "species", Task = "regression" }));
        Assert.Contains("not numeric", regressionOnText.Message);

        using var _ = ServiceCluster.AsTenant("spec-lab");
        var missing = await Assert.ThrowsAsync<ServiceException>(() => Service.Study("spec-lab", "s1").GetAsync());
        Assert.Equal(ServiceErrorKind.NotFound, missing.Kind);
    }
}
