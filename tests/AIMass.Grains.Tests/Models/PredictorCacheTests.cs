using AIMass.Grains.Models;
using AIMass.Grains.Tests.Infrastructure;
using AIMass.Silo.Storage.Artifacts;
using AIMass.Training;
using AIMass.Training.Data;

namespace AIMass.Grains.Tests.Models;

/// <summary>
/// The silo's loaded models: a model in use is not disposed when it leaves the cache, and one tenant's many models
/// replace its own, not every other tenant's.
/// </summary>
public sealed class PredictorCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("aimass-predictors-").FullName;

    [Fact]
    public async Task A_leased_model_outlives_its_eviction_and_a_tenant_replaces_only_its_own_models()
    {
        var store = new LocalArtifactStore(_root);
        var iris = CsvTable.Parse(new MemoryStream(TestSamples.Bytes("iris.csv")));
        var outcome = TrainingPipeline.Run(new TrainingRequest
        {
            Data = iris, Target = "species", Seed = 1, SplitSeed = 1,
            Hyperparameters = new Dictionary<string, object?> { ["family"] = "linear" },
        });
        using var artifact = new MemoryStream();
        outcome.Artifact.Save(artifact);
        var bytes = artifact.ToArray();
        string Path(string tenant, int n) => $"tenants/{tenant}/studies/s/trials/{n}.zip";
        foreach (var tenant in new[] { "quiet", "busy" })
        {
            for (var n = 0; n < 10; n++) await store.WriteAsync(Path(tenant, n), new MemoryStream(bytes));
        }
        using var cache = new PredictorCache(store);

        (await cache.LeaseAsync(Path("quiet", 0))).Dispose();
        var held = await cache.LeaseAsync(Path("busy", 0));
        for (var n = 1; n < 10; n++) (await cache.LeaseAsync(Path("busy", n))).Dispose();

        var loaded = cache.LoadedPaths;
        Assert.Contains(Path("quiet", 0), loaded); // the busy tenant replaced its own models
        Assert.Equal(PredictorCache.TenantShare, loaded.Count(p => p.StartsWith("tenants/busy/", StringComparison.Ordinal)));
        Assert.DoesNotContain(Path("busy", 0), loaded);

        // Evicted but still leased: it predicts until its lease ends.
        var row = new Dictionary<string, string?> { ["sepal_length_(cm)"] = "5.1", ["sepal_width_(cm)"] = "3.5", ["petal_length_(cm)"] = "1.4", ["petal_width_(cm)"] = "0.2" };
        Assert.Equal("setosa", held.Predictor.Predict([row]).Rows[0].Label);
        held.Dispose();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
