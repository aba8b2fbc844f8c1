using AIMass.Grains.Models;
using AIMass.Grains.Studies;
using AIMass.Grains.Tests.Infrastructure;
using AIMass.Training.Data;
using AIMass.Training.Inference;
using Microsoft.Extensions.DependencyInjection;

namespace AIMass.Grains.Tests.Models;

[Collection(ClusterCollection.Name)]
public sealed class ModelServingTests(SharedCluster shared)
{
    private ServiceCluster Service => shared.Service;

    [Fact]
    public async Task Served_predictions_equal_the_artifacts_local_predictions_and_bad_rows_name_the_column()
    {
        await Service.CreateTenantAsync("server");
        await Service.UploadAsync("server", "iris", TestSamples.Bytes("iris.csv"), target: "species");
        await Service.CreateStudyAsync("server", "s", new StudySpec
        {
            Name = "serve", DatasetId = "iris", Target = "species", Budget = new StudyBudget { MaxTrials = 2 }, MaxEpochsPerTrial = 20, Pruner = "none", Distill = false,
        });
        await Service.WaitForStudyAsync("server", "s", TimeSpan.FromMinutes(2));

        using var _ = ServiceCluster.AsTenant("server");
        var best = (await Service.Study("server", "s").GetLeaderboardAsync()).Best!;
        var path = (await Service.Study("server", "s").GetTrialsAsync()).Single(t => t.Number == best.TrialNumber).ArtifactPath!;
        // The study warms its leaders before anyone asks for a prediction.
        await Service.WaitForAsync("server", () => Task.FromResult(Service.Cluster.Silos.Any(s => s.ServiceProvider.GetRequiredService<PredictorCache>().LoadedPaths.Contains(path))),
            loaded => loaded, TimeSpan.FromSeconds(30), $"the leader's model {path} to be loaded");
        var model = Service.Client.GetGrain<IModelGrain>($"server/s/{best.TrialNumber}");
        var table = CsvTable.Load(TestSamples.Path("iris.csv"));
        var rows = Enumerable.Range(0, table.RowCount)
            .Select(r => table.Columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => (string?)table[r, x.i]))
            .ToArray();

        var served = await model.PredictAsync(new PredictionRequest { Rows = rows });
        using var local = Predictor.Load(new MemoryStream(await model.DownloadAsync()));
        var expected = local.Predict(table);

        Assert.Equal(expected.Rows.Select(r => r.Label), served.Rows.Select(r => r.Label));
        for (var i = 0; i < rows.Length; i++)
        {
            foreach (var (label, p) in expected.Rows[i].Probabilities!) Assert.Equal(p, served.Rows[i].Probabilities![label], 12);
        }
        var info = await model.GetAsync();
        Assert.Equal(["setosa", "versicolor", "virginica"], info.Classes.Order());
        Assert.DoesNotContain("species", info.InputColumns);

        var broken = rows[0].Where(kv => kv.Key != "petal_width_(cm)").ToDictionary(kv => kv.Key, kv => kv.Value);
        var e = await Assert.ThrowsAsync<ServiceException>(() => model.PredictAsync(new PredictionRequest { Rows = [broken] }));
        Assert.Contains("'petal_width_(cm)'", e.Message);
        Assert.Equal("petal_width_(cm)", e.Errors[0].Column);
    }
}
