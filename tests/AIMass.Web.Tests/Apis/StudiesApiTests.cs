using System.Net;
using System.Net.Http.Json;
using System.Text;
using AIMass.Grains.Models;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;
using AIMass.Web.Tests.Infrastructure;

namespace AIMass.Web.Tests.Apis;

[Collection(WebHostCollection.Name)]
public sealed class StudiesApiTests(WebHostFixture host)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = WebHostFixture.Json;

    [Fact]
    public async Task A_completed_study_lists_its_trials_with_intermediate_values()
    {
        var study = await host.CompletedStudyAsync();
        using var client = host.As(study.Key);

        var listed = (await client.GetFromJsonAsync<StudyInfo[]>("/api/studies", Json))!;
        Assert.Contains(listed, s => s.StudyId == "quick" && s.Status == StudyStatus.Completed);

        var info = (await client.GetFromJsonAsync<StudyInfo>("/api/studies/quick", Json))!;
        Assert.Equal("classification", info.Task);
        Assert.Equal("accuracy", info.Metric);
        // Two cross-validated search trials and the ensemble of them.
        Assert.Equal(3, info.TrialsComplete);

        var trials = (await client.GetFromJsonAsync<TrialSummary[]>("/api/studies/quick/trials", Json))!;
        Assert.Equal(3, trials.Length);
        Assert.All(trials, t =>
        {
            Assert.Equal(TrialStatus.Complete, t.Status);
            Assert.InRange(t.IntermediateValues.Length, 1, 15);
            Assert.NotNull(t.Value);
            Assert.NotNull(t.TrainedAs);
            Assert.Equal("web-test-silo/cpu", t.Worker);
        });
        Assert.Single(trials, t => t.Kind == TrialKind.Ensemble);
    }

    [Fact]
    public async Task Leaderboards_pareto_importances_and_best_model_are_served()
    {
        var study = await host.CompletedStudyAsync();
        using var client = host.As(study.Key);

        var boards = (await client.GetFromJsonAsync<Leaderboard[]>("/api/studies/quick/leaderboards", Json))!;
        Assert.Equal(["accurate", "balanced", "edge"], boards.Select(b => b.Scenario.Name));
        var accurate = boards[0];
        Assert.Equal(3, accurate.Entries.Length);
        Assert.True(accurate.Entries[0].ValidationScore >= accurate.Entries[1].ValidationScore);
        Assert.All(accurate.Entries, e => Assert.NotNull(e.TrainedAs));

        var one = (await client.GetFromJsonAsync<Leaderboard>("/api/studies/quick/leaderboards/accurate", Json))!;
        Assert.Equal(accurate.Entries[0].TrialNumber, one.Entries[0].TrialNumber);
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/studies/quick/leaderboards/nonsense"), HttpStatusCode.NotFound);

        var pareto = (await client.GetFromJsonAsync<TrialSummary[]>("/api/studies/quick/pareto", Json))!;
        Assert.NotEmpty(pareto);
        Assert.NotNull(await client.GetFromJsonAsync<Dictionary<string, double>>("/api/studies/quick/importances", Json));

        var best = (await client.GetFromJsonAsync<ModelInfo>("/api/studies/quick/models/best", Json))!;
        Assert.Equal(accurate.Entries[0].TrialNumber, best.Trial.Number);
        Assert.Equal("species", best.Target);
        Assert.Equal(["setosa", "versicolor", "virginica"], best.Classes.Order());
        Assert.Equal(4, best.InputColumns.Length);
        var byScenario = (await client.GetFromJsonAsync<ModelInfo>("/api/studies/quick/models/best?scenario=accurate", Json))!;
        Assert.Equal(best.ModelId, byScenario.ModelId);
    }

    [Fact]
    public async Task Predict_with_the_best_model_takes_json_or_csv_and_answers_json_or_csv()
    {
        var study = await host.CompletedStudyAsync();
        using var client = host.As(study.Key);
        var rows = TestSamples.Rows("iris.csv");
        var request = new { rows = new object[]
        {
            new Dictionary<string, object> { ["sepal_length_(cm)"] = 5.1, ["sepal_width_(cm)"] = 3.5, ["petal_length_(cm)"] = 1.4, ["petal_width_(cm)"] = 0.2 },
            rows[120].Where(kv => kv.Key != "species").ToDictionary(kv => kv.Key, kv => (object)kv.Value),
        } };
        var response = await client.PostAsJsonAsync("/api/studies/quick/predict", request, Json);
        await ApiAssert.StatusAsync(response, HttpStatusCode.OK);
        var predicted = (await response.Content.ReadFromJsonAsync<PredictionResponse>(Json))!;
        Assert.Equal(2, predicted.Rows.Length);
        Assert.All(predicted.Rows, r => Assert.Contains(r.Label, new[] { "setosa", "versicolor", "virginica" }));
        Assert.All(predicted.Rows, r => Assert.Equal(1.0, r.Probabilities!.Values.Sum(), 3));

        var csv = "sepal_length_(cm),sepal_width_(cm),petal_length_(cm),petal_width_(cm)\n5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n7.0,3.2,4.7,1.4\n";
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/studies/quick/predict?scenario=accurate")
        {
            Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
        };
        message.Headers.Accept.ParseAdd("text/csv");
        var csvResponse = await client.SendAsync(message);
        await ApiAssert.StatusAsync(csvResponse, HttpStatusCode.OK);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var lines = (await csvResponse.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("species,probability_", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.Contains(l.Split(',')[0], new[] { "setosa", "versicolor", "virginica" }));
    }

    [Fact]
    public async Task Predict_refuses_rows_missing_a_column_naming_it()
    {
        var study = await host.CompletedStudyAsync();
        using var client = host.As(study.Key);
        var request = new { rows = new[] { new Dictionary<string, object> { ["sepal_length_(cm)"] = 5.1 } } };
        var problem = await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/studies/quick/predict", request, Json), HttpStatusCode.BadRequest);
        Assert.Contains(problem.Errors, e => e.Row == 1 && e.Column == "petal_width_(cm)");

        var noRows = await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/studies/quick/predict", new { data = 1 }, Json), HttpStatusCode.BadRequest);
        Assert.Contains(noRows.Errors, e => e.Column == "rows");

        var nested = await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/studies/quick/predict", new { rows = new[] { new { a = new[] { 1 } } } }, Json), HttpStatusCode.BadRequest);
        Assert.Contains(nested.Errors, e => e.Row == 1 && e.Column == "a");

        await ApiAssert.ProblemAsync(await client.PostAsync("/api/studies/quick/predict", new StringContent("x", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_invalid_study_spec_is_refused_naming_each_field()
    {
        var study = await host.CompletedStudyAsync();
        using var client = host.As(study.Key);
        var wrongTarget = await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/studies",
            new { datasetId = "iris", target = "colour", pruner = "none" }, Json), HttpStatusCode.BadRequest);
        Assert.Contains(wrongTarget.Errors, e => e.Column == "target");

        var badBudget = await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/studies",
            new { datasetId = "iris", target = "species", sampler = "magic", pruner = "none", budget = new { maxTrials = 0 } }, Json), HttpStatusCode.BadRequest);
        Assert.Contains(badBudget.Errors, e => e.Column == "sampler");
        Assert.Contains(badBudget.Errors, e => e.Column == "budget.maxTrials");

        var badJson = await ApiAssert.ProblemAsync(await client.PostAsync("/api/studies",
            new StringContent("{\"datasetId\":\"iris\",\"target\":\"species\",\"budget\":{\"maxTrials\":\"many\"}}", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.Contains(badJson.Errors, e => e.Column == "budget.maxTrials");

        var missing = await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/studies", new { target = "species" }, Json), HttpStatusCode.BadRequest);
        Assert.Contains("datasetId", missing.Detail);

        await ApiAssert.ProblemAsync(await client.PostAsync("/api/studies", new StringContent("datasetId=iris", Encoding.UTF8, "application/x-www-form-urlencoded")), HttpStatusCode.UnsupportedMediaType);
        await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/studies", new { id = "quick", datasetId = "iris", target = "species", pruner = "none" }, Json), HttpStatusCode.Conflict);
        await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/studies", new { id = "bad id", datasetId = "iris", target = "species", pruner = "none" }, Json), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_study_is_paused_resumed_and_cancelled_and_wrong_transitions_are_conflicts()
    {
        var key = await host.TenantAsync("lifecycle");
        using var client = host.As(key);
        await ApiAssert.StatusAsync(await WebHostFixture.UploadAsync(client, "iris.csv", TestSamples.Bytes("iris.csv")), HttpStatusCode.Created);
        var created = await client.PostAsJsonAsync("/api/studies", new
        {
            name = "Long Iris Search!", datasetId = "iris", target = "species", pruner = "none", distill = false,
            budget = new { maxTrials = 500 }, maxEpochsPerTrial = 2, parallelism = 1,
        }, Json);
        await ApiAssert.StatusAsync(created, HttpStatusCode.Created);
        var info = (await created.Content.ReadFromJsonAsync<StudyInfo>(Json))!;
        Assert.Equal("long-iris-search", info.StudyId);
        Assert.Equal(StudyStatus.Running, info.Status);

        var paused = (await (await client.PostAsync("/api/studies/long-iris-search/pause", null)).Content.ReadFromJsonAsync<StudyInfo>(Json))!;
        Assert.Equal(StudyStatus.Paused, paused.Status);
        await ApiAssert.ProblemAsync(await client.PostAsync("/api/studies/long-iris-search/pause", null), HttpStatusCode.Conflict);
        var resumed = (await (await client.PostAsync("/api/studies/long-iris-search/resume", null)).Content.ReadFromJsonAsync<StudyInfo>(Json))!;
        Assert.Equal(StudyStatus.Running, resumed.Status);
        var cancelled = (await (await client.PostAsync("/api/studies/long-iris-search/cancel", null)).Content.ReadFromJsonAsync<StudyInfo>(Json))!;
        Assert.Equal(StudyStatus.Cancelled, cancelled.Status);
        await ApiAssert.ProblemAsync(await client.PostAsync("/api/studies/long-iris-search/cancel", null), HttpStatusCode.Conflict);

        var second = await client.PostAsJsonAsync("/api/studies", new { name = "Long Iris Search!", datasetId = "iris", target = "species", pruner = "none", budget = new { maxTrials = 1 }, maxEpochsPerTrial = 1 }, Json);
        Assert.Equal("long-iris-search-2", (await second.Content.ReadFromJsonAsync<StudyInfo>(Json))!.StudyId);
        await client.PostAsync("/api/studies/long-iris-search-2/cancel", null);
    }

    [Fact]
    public async Task A_study_beyond_the_active_study_quota_is_answered_429()
    {
        using var client = host.As(await host.TenantAsync("one-study", new TenantQuotas { MaxActiveStudies = 1 }));
        await ApiAssert.StatusAsync(await WebHostFixture.UploadAsync(client, "iris.csv", TestSamples.Bytes("iris.csv")), HttpStatusCode.Created);
        var spec = new { datasetId = "iris", target = "species", pruner = "none", budget = new { maxTrials = 200 }, maxEpochsPerTrial = 2, parallelism = 1 };
        await ApiAssert.StatusAsync(await client.PostAsJsonAsync("/api/studies", spec, Json), HttpStatusCode.Created);
        var problem = await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/studies", spec, Json), HttpStatusCode.TooManyRequests);
        Assert.Contains("quota", problem.Detail, StringComparison.OrdinalIgnoreCase);
        foreach (var s in (await client.GetFromJsonAsync<StudyInfo[]>("/api/studies", Json))!) await client.PostAsync($"/api/studies/{s.StudyId}/cancel", null);
    }

    [Fact]
    public async Task Unknown_studies_are_404_on_every_read()
    {
        using var client = host.As(await host.TenantAsync("no-studies"));
        foreach (var path in new[] { "", "/trials", "/leaderboards", "/pareto", "/importances", "/models/best" })
        {
            await ApiAssert.ProblemAsync(await client.GetAsync($"/api/studies/nothing{path}"), HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_deleted_study_is_404_everywhere_and_another_tenant_cannot_delete_it()
    {
        using var owner = host.As(await host.TenantAsync("study-deleter"));
        using var other = host.As(await host.TenantAsync("study-deleter-other"));
        await ApiAssert.StatusAsync(await WebHostFixture.UploadAsync(owner, "iris.csv", TestSamples.Bytes("iris.csv")), HttpStatusCode.Created);
        var spec = new { id = "doomed", datasetId = "iris", target = "species", pruner = "none", distill = false, budget = new { maxTrials = 500 }, maxEpochsPerTrial = 2, parallelism = 1 };
        await ApiAssert.StatusAsync(await owner.PostAsJsonAsync("/api/studies", spec, Json), HttpStatusCode.Created);

        await ApiAssert.ProblemAsync(await other.DeleteAsync("/api/studies/doomed"), HttpStatusCode.NotFound);
        await ApiAssert.StatusAsync(await owner.GetAsync("/api/studies/doomed"), HttpStatusCode.OK);

        await ApiAssert.StatusAsync(await owner.DeleteAsync("/api/studies/doomed"), HttpStatusCode.NoContent);
        foreach (var path in new[] { "", "/trials", "/leaderboards", "/models/best" })
        {
            await ApiAssert.ProblemAsync(await owner.GetAsync($"/api/studies/doomed{path}"), HttpStatusCode.NotFound);
        }
        await ApiAssert.ProblemAsync(await owner.GetAsync("/api/models/doomed/0"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await owner.DeleteAsync("/api/studies/doomed"), HttpStatusCode.NotFound);
        Assert.DoesNotContain("doomed", await (await owner.GetAsync("/api/studies")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var me = await owner.GetFromJsonAsync<TenantInfo>("/api/me", Json);
        Assert.Equal(0, me!.Usage.ActiveStudies);
    }
}
