using System.Net;
using System.Net.Http.Json;
using AIMass.Grains.Models;
using AIMass.Web.Tests.Infrastructure;

namespace AIMass.Web.Tests.Apis;

[Collection(WebHostCollection.Name)]
public sealed class ModelsApiTests(WebHostFixture host)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = WebHostFixture.Json;

    [Fact]
    public async Task A_model_is_read_downloaded_as_zip_and_predicts()
    {
        var study = await host.CompletedStudyAsync();
        using var client = host.As(study.Key);
        var trial = study.Info.BestTrial!.Value;

        var model = (await client.GetFromJsonAsync<ModelInfo>($"/api/models/quick/{trial}", Json))!;
        Assert.Equal($"lab/quick/{trial}", model.ModelId);
        Assert.True(model.Trial.ParameterCount > 0);
        Assert.True(model.Trial.TestMetrics.ContainsKey("accuracy"));

        var artifact = await client.GetAsync($"/api/models/quick/{trial}/artifact");
        await ApiAssert.StatusAsync(artifact, HttpStatusCode.OK);
        Assert.Equal("application/zip", artifact.Content.Headers.ContentType?.MediaType);
        var bytes = await artifact.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal((byte)'K', bytes[1]);
        Assert.Equal(model.Trial.ArtifactBytes, bytes.Length);

        var rows = TestSamples.Rows("iris.csv").Take(3).Select(r => r.Where(kv => kv.Key != "species").ToDictionary(kv => kv.Key, kv => kv.Value)).ToArray();
        var response = await client.PostAsJsonAsync($"/api/models/quick/{trial}/predict", new { rows }, Json);
        var predicted = (await response.Content.ReadFromJsonAsync<PredictionResponse>(Json))!;
        Assert.Equal(3, predicted.Rows.Length);
        Assert.Equal(model.ModelId, predicted.ModelId);
    }

    [Fact]
    public async Task A_trial_without_a_model_is_404_and_a_negative_number_400()
    {
        var study = await host.CompletedStudyAsync();
        using var client = host.As(study.Key);
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/models/quick/99"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/models/quick/99/artifact"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/models/nothing/0"), HttpStatusCode.NotFound);
        var negative = await ApiAssert.ProblemAsync(await client.GetAsync("/api/models/quick/-1"), HttpStatusCode.BadRequest);
        Assert.Contains(negative.Errors, e => e.Column == "trial");
    }
}
